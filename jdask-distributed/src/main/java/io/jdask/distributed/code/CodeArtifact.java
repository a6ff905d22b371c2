package io.jdask.distributed.code;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One piece of an application's class path as it is shipped: a jar, identified by the SHA-256 of
 * its bytes. A class directory is shipped as a jar packed from it (see {@link ClassPathManifest}).
 *
 * @param sha256 the SHA-256 of the jar's bytes, 64 lower-case hex digits
 * @param size the jar's length in bytes
 * @param name where it came from on the client (a file name, for messages only; never a path to use)
 */
public record CodeArtifact(String sha256, long size, String name) {
    /**
     * @throws IllegalArgumentException when the hash is not 64 lower-case hex digits or the size is
     *     negative
     */
    public CodeArtifact {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(name, "name");
        if (!isSha256(sha256)) {
            throw new IllegalArgumentException("'" + sha256 + "' is not a SHA-256 in 64 lower-case hex digits");
        }
        if (size < 0) {
            throw new IllegalArgumentException("artifact " + name + " has a negative size " + size);
        }
    }

    /** @param s a string @return whether it is 64 lower-case hex digits */
    public static boolean isSha256(String s) {
        if (s == null || s.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** @param digest 32 bytes @return them as 64 lower-case hex digits */
    static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
