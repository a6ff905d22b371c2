package io.jdask.tokenize;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Content tokens: deterministic hashes of values, used to name pure tasks so that the same call
 * gets the same key (and shared work is computed once), in this JVM and in any other.
 *
 * <p>Supported by content: {@code null}, boxed primitives, strings, enums, classes, {@link
 * io.jdask.graph.Key}s, primitive and object arrays, lists, sets and maps (unordered ones by sorted
 * element tokens), records, {@link java.util.Optional}, {@link Tokenizable} objects, serializable
 * lambdas and method references (by their implementation method and captured values), and other
 * {@link java.io.Serializable} objects (by their serialized form). Anything else gets a random
 * token, so it never matches another, unless config {@code tokenize.ensure-deterministic} is on, in
 * which case it is an error.
 */
public final class Tokens {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Tokens() {}

    /**
     * @param parts values to hash together, in order
     * @return 32 lower-case hex characters
     */
    public static String token(Object... parts) {
        DigestSink sink = new DigestSink();
        try {
            sink.putLong(parts.length);
            for (Object p : parts) {
                sink.put(p);
            }
            return sink.hex();
        } finally {
            sink.release();
        }
    }

    /**
     * A token that identifies a function by what it runs (class and method of a lambda or method
     * reference, plus captured values), for naming pure calls.
     *
     * @param function a function object
     * @return 32 hex characters
     */
    public static String functionToken(Object function) {
        DigestSink sink = new DigestSink();
        try {
            sink.putFunction(function);
            return sink.hex();
        } finally {
            sink.release();
        }
    }

    /** @return 32 random hex characters, for impure calls */
    public static String random() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return hex(r.nextLong(), r.nextLong());
    }

    /**
     * A short readable name for a function: the method name of a method reference, {@code
     * "lambda"} for a lambda, the simple class name otherwise.
     *
     * @param function a function object
     * @return the name
     */
    public static String functionName(Object function) {
        return FunctionIdentity.name(function);
    }

    static String hex(long hi, long lo) {
        char[] out = new char[32];
        for (int i = 0; i < 16; i++) {
            out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xF];
            out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xF];
        }
        return new String(out);
    }
}
