package io.gridlet.node.internal.registry;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.gridlet.api.GridFunction;

/** Resolves a function class's {@code GridFunction<I, O>} type arguments, through its hierarchy. */
final class FunctionTypes {

    private FunctionTypes() {
    }

    /**
     * The input type of a function class; {@code Object} where the class leaves it open (a raw
     * type, or a lambda, whose arguments are erased).
     */
    static JavaType inputType(TypeFactory types, Class<?> functionClass) {
        JavaType[] parameters = types.constructType(functionClass).findTypeParameters(GridFunction.class);
        if (parameters == null || parameters.length != 2) {
            return types.constructType(Object.class);
        }
        return parameters[0];
    }
}
