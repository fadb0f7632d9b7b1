package io.gridlet.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.gridlet.api.BadInputException;
import java.io.IOException;
import java.util.Arrays;

/** Trigger definitions as JSON, the form the REST API takes and the grid stores. Stateless and thread-safe. */
final class TriggerJson {

    /**
     * Configured here, once, and never handed out. A field of another kind is ignored: definitions
     * stored before each kind had its own type carried every field.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TriggerJson() {
    }

    static TriggerDefinition read(byte[] json) {
        try {
            TriggerDefinition definition = MAPPER.readValue(json, TriggerDefinition.class);
            if (definition == null) {
                throw new BadInputException("a trigger definition is a JSON object, not null");
            }
            return definition;
        } catch (ValueInstantiationException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException("the trigger definition is not valid: " + e.getOriginalMessage());
        } catch (InvalidTypeIdException e) {
            throw new BadInputException("type must be " + MapEventTrigger.TYPE + ", " + ScheduleTrigger.TYPE + " or "
                    + TopicTrigger.TYPE + (e.getTypeId() == null ? ", and is missing" : ": " + e.getTypeId()));
        } catch (InvalidFormatException e) {
            if (e.getTargetType() != null && e.getTargetType().isEnum()) {
                throw new BadInputException(field(e) + " must be one of "
                        + Arrays.toString(e.getTargetType().getEnumConstants()) + ": " + e.getValue());
            }
            throw new BadInputException("the trigger definition is not valid: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof BadInputException bad) {
                throw bad;
            }
            throw new BadInputException("the trigger definition is not valid JSON of a trigger: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("the trigger definition could not be read: " + e.getMessage());
        }
    }

    static String write(TriggerDefinition definition) {
        try {
            return MAPPER.writerFor(TriggerDefinition.class).writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a trigger definition could not be written as JSON", e);
        }
    }

    private static String field(InvalidFormatException e) {
        return e.getPath().isEmpty() || e.getPath().get(0).getFieldName() == null ? "a field"
                : e.getPath().get(0).getFieldName();
    }
}
