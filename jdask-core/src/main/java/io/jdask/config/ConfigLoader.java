package io.jdask.config;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds a configuration from its layers, lowest precedence first: built-in defaults, YAML files
 * (each given path a file or a directory of {@code *.yaml}), the file or directory named by
 * {@code JDASK_CONFIG}, then {@code JDASK_*} environment variables.
 */
final class ConfigLoader {
    /** Core's defaults, loaded first. */
    static final String DEFAULTS_RESOURCE = "io/jdask/config/jdask-defaults.yaml";
    /** Defaults contributed by other jdask modules, each found on the class path under this name. */
    static final String MODULE_DEFAULTS_RESOURCE = "META-INF/jdask/config-defaults.yaml";

    private ConfigLoader() {}

    /** @return the layers of this process: real environment and {@code ~/.config/jdask} */
    static ConfigView loadSystem() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : ConfigLoader.class.getClassLoader();
        return load(System.getenv(), List.of(userConfigDir()), loader);
    }

    /** @return {@code ~/.config/jdask} */
    static Path userConfigDir() {
        return Path.of(System.getProperty("user.home"), ".config", "jdask");
    }

    static ConfigView load(Map<String, String> env, List<Path> paths, ClassLoader loader) {
        Entries entries = new Entries();
        addDefaults(entries, loader);
        for (Path p : paths) {
            if (Files.exists(p)) {
                addPath(entries, p, "");
            }
        }
        String named = env.get(EnvVariables.CONFIG_VARIABLE);
        if (named != null && !named.isBlank()) {
            Path p = Path.of(named.strip());
            if (!Files.exists(p)) {
                throw new ConfigException(EnvVariables.CONFIG_VARIABLE + " names " + p + ", which does not exist");
            }
            addPath(entries, p, " (from " + EnvVariables.CONFIG_VARIABLE + ")");
        }
        EnvVariables.apply(env, entries);
        return entries.toView();
    }

    private static void addPath(Entries entries, Path p, String note) {
        List<Path> files = Files.isDirectory(p) ? YamlFiles.yamlFilesIn(p) : List.of(p);
        for (Path f : files) {
            entries.putTree(YamlFiles.read(f), "file " + f + note);
        }
    }

    private static void addDefaults(Entries entries, ClassLoader loader) {
        URL core = ConfigLoader.class.getClassLoader().getResource(DEFAULTS_RESOURCE);
        if (core == null) {
            throw new ConfigException("jdask's built-in defaults " + DEFAULTS_RESOURCE
                    + " are missing from the class path");
        }
        entries.putTree(YamlFiles.read(core, "built-in defaults " + core), "built-in defaults");
        List<URL> modules;
        try {
            modules = loader == null ? List.of()
                    : new ArrayList<>(Collections.list(loader.getResources(MODULE_DEFAULTS_RESOURCE)));
        } catch (IOException e) {
            throw new ConfigException("cannot list " + MODULE_DEFAULTS_RESOURCE + " resources: " + e, e);
        }
        modules.sort(Comparator.comparing(URL::toString));
        for (URL url : modules) {
            String origin = "defaults in " + url;
            Map<?, ?> tree = YamlFiles.read(url, origin);
            ConfigKeys.flatten("", tree, (k, v) -> {
                if (entries.containsKey(k)) {
                    throw new ConfigException("configuration key '" + k + "' has built-in defaults twice: in "
                            + entries.origin(k) + " and in " + url);
                }
                entries.put(k, v, origin);
            });
        }
    }
}
