package io.gridlet.management.rest;

import com.hazelcast.core.DistributedObject;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.gridlet.api.BadInputException;
import io.gridlet.management.problem.NotFoundException;
import io.gridlet.node.GridNode;
import io.gridlet.node.MemberStats;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The grid's maps and their entries. Keys are strings; values follow contract section 1. */
@Controller("/api/v1/maps")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MapsController {

    static final int MAX_KEYS = 1000;

    private final GridNode node;
    private final JsonValues json;
    private final BodyLimits limits;

    public MapsController(GridNode node, BodyLimits limits) {
        this.node = node;
        this.json = new JsonValues();
        this.limits = limits;
    }

    @Serdeable
    public record MapView(String name, int size, long ownedEntries, long backupEntries) {
    }

    /** Gridlet's own maps and Hazelcast's internal ones are not the user's data. */
    static boolean internal(String name) {
        return name.startsWith("gridlet.") || name.startsWith("__");
    }

    /**
     * Sizes are the sum of what each member owns, as the members answer within
     * {@link GridCalls#MEMBER_WAIT}: while one is cut off or leaving, they may be short.
     */
    @Get
    public List<MapView> maps() {
        Map<String, long[]> entries = new TreeMap<>();
        for (DistributedObject object : node.hazelcast().getDistributedObjects()) {
            if (object instanceof IMap<?, ?> && !internal(object.getName())) {
                entries.put(object.getName(), new long[2]);
            }
        }
        for (MemberStats stats : node.memberStats(GridCalls.MEMBER_WAIT)) {
            stats.maps().forEach((name, counts) -> {
                long[] sum = entries.get(name);
                if (sum != null) {
                    sum[0] += counts.owned();
                    sum[1] += counts.backup();
                }
            });
        }
        List<MapView> maps = new ArrayList<>();
        entries.forEach((name, sum) -> maps.add(new MapView(name, (int) Math.min(Integer.MAX_VALUE, sum[0]), sum[0],
                sum[1])));
        return maps;
    }

    @Serdeable
    public record KeysView(String map, int size, List<String> keys, boolean truncated) {
    }

    /**
     * Up to {@code limit} keys of a map in ascending order, for people to look at: each member
     * sends at most that many, so a large map costs no more than a small one.
     */
    @Get("/{map}/keys")
    public KeysView keys(String map, @QueryValue(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_KEYS) {
            throw new BadInputException("limit must be 1 to " + MAX_KEYS + ", not " + limit);
        }
        IMap<Object, Object> entries = node.hazelcast().getMap(Names.map(map));
        String action = "listing the keys of map " + map;
        int size = GridCalls.call(action, entries::size);
        List<String> keys = new ArrayList<>();
        try {
            for (Object key : GridCalls.call(action, () -> entries.keySet(Predicates.pagingPredicate(limit)))) {
                keys.add(String.valueOf(key));
            }
        } catch (ClassCastException e) {
            throw new BadInputException("the keys of map " + map + " are not all of one comparable type, so they cannot be listed");
        }
        return new KeysView(map, size, keys, size > keys.size());
    }

    @Get(uri = "/{map}/entries/{key}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<byte[]> get(String map, String key) {
        Object value = GridCalls.call("reading an entry of map " + map,
                () -> node.hazelcast().getMap(Names.map(map)).get(Names.key(key)));
        if (value == null) {
            throw new NotFoundException("map " + map + " has no entry " + Names.printable(key));
        }
        return HttpResponse.ok(json.toJson(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    @Put(uri = "/{map}/entries/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Void> put(String map, String key, @Body byte[] body) {
        Object value = json.toValue(json.parse(limits.json(body)));
        GridCalls.run("writing an entry of map " + map, () -> node.hazelcast().getMap(Names.map(map))
                .set(Names.key(key), value));
        return HttpResponse.noContent();
    }

    @Post(uri = "/{map}/entries")
    @Consumes(MediaType.APPLICATION_JSON)
    public HttpResponse<Void> putAll(String map, @Body byte[] body) {
        Map<String, Object> values = json.toValues(json.parse(limits.json(body)));
        GridCalls.run("writing " + values.size() + " entries of map " + map,
                () -> node.hazelcast().<String, Object>getMap(Names.map(map)).putAll(values));
        return HttpResponse.noContent();
    }

    @Delete(uri = "/{map}/entries/{key}")
    public HttpResponse<Void> delete(String map, String key) {
        Object removed = GridCalls.call("removing an entry of map " + map,
                () -> node.hazelcast().getMap(Names.map(map)).remove(Names.key(key)));
        if (removed == null) {
            throw new NotFoundException("map " + map + " has no entry " + Names.printable(key));
        }
        return HttpResponse.noContent();
    }
}
