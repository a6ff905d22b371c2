package io.jdask.array;

import io.jdask.tokenize.Tokens;
import java.nio.ByteBuffer;

/** Content tokens of local arrays, for deterministic layer names. */
final class Tokens0 {
    private Tokens0() {}

    static String of(NDArray a) {
        ByteBuffer b = NDArraySerializer.encode(a.dataOnce(), a.nbytes());
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return Tokens.token(a.dtype().name(), java.util.Arrays.toString(a.shapeRef()), bytes);
    }
}
