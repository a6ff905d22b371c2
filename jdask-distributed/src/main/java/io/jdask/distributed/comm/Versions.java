package io.jdask.distributed.comm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The jdask version this code belongs to, as the handshake sends it. */
public final class Versions {
    private static final String RESOURCE = "/io/jdask/distributed/version.properties";
    private static final String VERSION = load();

    private Versions() {}

    /** @return e.g. {@code 0.1.0-SNAPSHOT}, from the build; {@code unknown} if the build did not fill it in */
    public static String jdask() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Versions.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return "unknown";
    }
}
