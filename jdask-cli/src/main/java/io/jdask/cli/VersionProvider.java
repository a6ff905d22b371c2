package io.jdask.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code jdask --version}: the jdask version (from the build), and the Java runtime and
 * machine it runs on, the three facts a bug report needs first.
 */
final class VersionProvider implements IVersionProvider {
    private static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        Runtime.Version java = Runtime.version();
        return new String[] {
            "jdask " + jdaskVersion(),
            "Java " + java + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + ") at " + System.getProperty("java.home"),
            System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch") + ", "
                    + Runtime.getRuntime().availableProcessors() + " processors"
        };
    }

    /**
     * The version of jdask this command belongs to: from the resource the build fills in, else
     * from the jar manifest's {@code Implementation-Version}.
     *
     * @return e.g. {@code 0.1.0}, or {@code unknown} when neither is available
     */
    static String jdaskVersion() {
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "");
                if (!version.isBlank() && !version.startsWith("${")) {
                    return version;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        String fromManifest = VersionProvider.class.getPackage().getImplementationVersion();
        return fromManifest != null ? fromManifest : "unknown";
    }
}
