package io.jdask.serialize;

/**
 * Object sizes on a 64-bit HotSpot JVM with its default layout (compressed class pointers and
 * references, 8-byte alignment): a 12-byte object header, a 16-byte array header.
 */
final class HeapSizes {
    static final int OBJECT_HEADER = 12;
    static final int ARRAY_HEADER = 16;
    static final int REFERENCE = 4;
    /** A {@link String}: header, value reference, hash, coder and hash-is-zero flag. */
    static final int STRING = 24;

    private HeapSizes() {}

    /**
     * @param length number of elements
     * @param width bytes per element
     * @return the bytes an array of that length occupies
     */
    static long array(long length, int width) {
        return align(ARRAY_HEADER + length * width);
    }

    /**
     * @param width the bytes of the primitive inside (1 for a boolean or byte, 8 for a long or double)
     * @return the bytes a boxed primitive occupies: its header and value, aligned (16 or 24)
     */
    static long boxed(int width) {
        return align(OBJECT_HEADER + width);
    }

    /**
     * @param bytes a size
     * @return the size rounded up to the 8-byte object alignment
     */
    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /**
     * @param s a string
     * @return the bytes it occupies: the String object and its byte array, one byte per char when
     *     every char is Latin-1 (compact strings), two otherwise
     */
    static long string(String s) {
        int coder = 1;
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) > 0xFF) {
                coder = 2;
                break;
            }
        }
        return STRING + array(s.length(), coder);
    }
}
