package io.jdask.distributed.comm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * How a process proves it belongs to a cluster and checks its peers: a shared-secret token, and
 * optionally TLS.
 *
 * <p>With a token, every accepting side (scheduler, worker) refuses a peer that cannot prove it
 * knows the same token, and says so: {@code "wrong or missing token"}. The token never travels:
 * the peer answers a random challenge with an HMAC-SHA256 keyed by it.
 *
 * @param token the shared secret, or null for none (an open cluster)
 * @param tls TLS settings, or null for plain TCP
 */
public record Security(String token, TlsOptions tls) {
    /** The environment variable a token is read from when none is given. */
    public static final String TOKEN_ENV = "JDASK_TOKEN";
    /** The environment variable naming a file to read the token from. */
    public static final String TOKEN_FILE_ENV = "JDASK_TOKEN_FILE";

    /** Checks the token. */
    public Security {
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the token is empty: give a non-blank secret or none");
        }
    }

    /** @return no token, no TLS */
    public static Security none() {
        return new Security(null, null);
    }

    /**
     * @param token the shared secret
     * @return a token, no TLS
     */
    public static Security token(String token) {
        return new Security(token, null);
    }

    /**
     * Reads a token from the first line of a file.
     *
     * @param file the file
     * @return the token
     * @throws UncheckedIOException naming the file when it cannot be read
     * @throws IllegalArgumentException naming the file when it is empty
     */
    public static String readToken(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        int nl = text.indexOf('\n');
        String token = (nl < 0 ? text : text.substring(0, nl)).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException("the token file " + file + " is empty");
        }
        return token;
    }

    /**
     * The token from an option, else a token file option, else {@value #TOKEN_ENV}, else the file
     * named by {@value #TOKEN_FILE_ENV}.
     *
     * @param option the token given on the command line, or null
     * @param file a token file given on the command line, or null
     * @param env the environment
     * @return the token, if any
     */
    public static Optional<String> resolveToken(String option, Path file, Map<String, String> env) {
        if (option != null) {
            return Optional.of(option);
        }
        if (file != null) {
            return Optional.of(readToken(file));
        }
        String fromEnv = env.get(TOKEN_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        String envFile = env.get(TOKEN_FILE_ENV);
        if (envFile != null && !envFile.isBlank()) {
            return Optional.of(readToken(Path.of(envFile)));
        }
        return Optional.empty();
    }

    /**
     * @param tls the TLS settings
     * @return a copy with them
     */
    public Security withTls(TlsOptions tls) {
        return new Security(token, tls);
    }

    @Override
    public String toString() {
        return "Security[token=" + (token == null ? "none" : "****") + ", tls=" + tls + "]";
    }
}
