package io.jdask.tokenize;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;

/** Finds what a serializable lambda or method reference runs, through its serialized form. */
final class FunctionIdentity {
    private static final ClassValue<Method> WRITE_REPLACE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            if (!Serializable.class.isAssignableFrom(type) || !type.isSynthetic()) {
                return null;
            }
            try {
                Method m = type.getDeclaredMethod("writeReplace");
                m.setAccessible(true);
                return m;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    };

    private FunctionIdentity() {}

    /**
     * @param function any object
     * @return its serialized-lambda form, or null when it is not a serializable lambda
     */
    static SerializedLambda lambda(Object function) {
        Method m = WRITE_REPLACE.get(function.getClass());
        if (m == null) {
            return null;
        }
        try {
            Object r = m.invoke(function);
            return r instanceof SerializedLambda sl ? sl : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Class<?>, String> NAME_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    static String name(Object function) {
        if (function == null) {
            return "null";
        }
        Class<?> c = function.getClass();
        String cached = NAME_CACHE.get(c);
        if (cached == null) {
            cached = computeName(function);
            if (NAME_CACHE.size() < 10_000) {
                NAME_CACHE.put(c, cached);
            }
        }
        return cached;
    }

    private static String computeName(Object function) {
        SerializedLambda sl = lambda(function);
        if (sl != null) {
            String m = sl.getImplMethodName();
            return m.startsWith("lambda$") ? "lambda" : m;
        }
        Class<?> c = function.getClass();
        String simple = c.getSimpleName();
        if (simple.isEmpty() || c.isSynthetic()) {
            return "lambda";
        }
        int dollar = simple.indexOf('$');
        return (dollar > 0 ? simple.substring(0, dollar) : simple).toLowerCase(java.util.Locale.ROOT);
    }
}
