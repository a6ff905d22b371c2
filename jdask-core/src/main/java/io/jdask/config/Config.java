package io.jdask.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * jdask's configuration, modelled on Dask's {@code dask.config}.
 *
 * <p>Values come in layers; a higher layer wins, leaf by leaf:
 * <ol>
 *   <li>built-in defaults ({@code io/jdask/config/jdask-defaults.yaml} in core, then any
 *       {@code META-INF/jdask/config-defaults.yaml} of other jdask modules);
 *   <li>YAML files in {@code ~/.config/jdask/}, in file-name order;
 *   <li>the YAML file, or directory of YAML files, named by the environment variable
 *       {@code JDASK_CONFIG};
 *   <li>environment variables {@code JDASK_*}: {@code JDASK_SCHEDULER__THREADS=4} sets
 *       {@code scheduler.threads}; {@code __} nests, a single {@code _} becomes {@code -}; values
 *       are read as YAML ({@code 4}, {@code true}, {@code [a, b]});
 *   <li>scoped overrides made with {@link #set(String, Object)}.
 * </ol>
 *
 * <p>Keys are dotted paths into the nested YAML maps ({@code "scheduler.threads"}), looked up
 * case-insensitively with {@code _} and {@code -} equivalent. Reading a key no layer defines
 * throws an {@link IllegalArgumentException} that suggests the closest known key.
 *
 * <p>Files and environment are read on first use and again on {@link #refresh()}. Reads are
 * cheap and thread-safe: every value comes from one immutable {@link ConfigView} that writers swap
 * atomically. The full list of keys is in {@code docs/config.md}.
 *
 * <pre>{@code
 * int threads = Config.getInt("scheduler.threads");
 * try (Config.Scope s = Config.set("scheduler.default", "sync")) {
 *     graph.compute();          // runs with the synchronous scheduler
 * }                             // the previous value is back
 * }</pre>
 */
public final class Config {
    private Config() {}

    /**
     * A scoped override, from {@link Config#set}. Closing it removes exactly the values it set;
     * scopes may be closed in any order and from any thread, and closing twice does nothing.
     */
    public interface Scope extends AutoCloseable {
        /** Removes this scope's values. */
        @Override
        void close();
    }

    /**
     * @return the current effective configuration, as an immutable view; later changes do not
     *     alter it
     * @throws ConfigException when the files or environment cannot be read (on first use)
     */
    public static ConfigView current() {
        return GlobalConfig.current();
    }

    /**
     * The value of a key, or of a whole section as a nested map, see {@link ConfigView#get}.
     *
     * @param key a dotted key, e.g. {@code "scheduler.threads"}
     * @return the value (null when the configuration says {@code null})
     * @throws IllegalArgumentException when no layer defines the key; the message suggests the
     *     closest known key
     */
    public static Object get(String key) {
        return current().get(key);
    }

    /**
     * @param key a dotted key
     * @return the value as text, or null when the value is null
     * @throws IllegalArgumentException when the key is unknown or names a section
     */
    public static String getString(String key) {
        return current().getString(key);
    }

    /**
     * @param key a dotted key
     * @return the value as an int; strings are parsed
     * @throws IllegalArgumentException when the key is unknown or the value is not an int
     */
    public static int getInt(String key) {
        return current().getInt(key);
    }

    /**
     * @param key a dotted key
     * @return the value as a long; strings are parsed
     * @throws IllegalArgumentException when the key is unknown or the value is not a long
     */
    public static long getLong(String key) {
        return current().getLong(key);
    }

    /**
     * @param key a dotted key
     * @return the value as a double; strings are parsed
     * @throws IllegalArgumentException when the key is unknown or the value is not a number
     */
    public static double getDouble(String key) {
        return current().getDouble(key);
    }

    /**
     * @param key a dotted key
     * @return the value as a boolean ({@code true/false}, {@code yes/no}, {@code on/off}, {@code 1/0})
     * @throws IllegalArgumentException when the key is unknown or the value is not a boolean
     */
    public static boolean getBoolean(String key) {
        return current().getBoolean(key);
    }

    /**
     * @param key a dotted key
     * @return the value as a list of strings (a string value is split at commas), see
     *     {@link ConfigView#getList}
     * @throws IllegalArgumentException when the key is unknown or names a section
     */
    public static List<String> getList(String key) {
        return current().getList(key);
    }

    /**
     * @param key a dotted key
     * @return the value as a number of bytes: {@code 4GiB}, {@code 512MB}, {@code 128 MiB} or a
     *     plain number, see {@link Units#parseBytes}
     * @throws IllegalArgumentException when the key is unknown or the value is not a size
     */
    public static long getBytes(String key) {
        return current().getBytes(key);
    }

    /**
     * @param key a dotted key
     * @return the value as a duration: {@code 500ms}, {@code 2s}, {@code 1m}, or a number of
     *     seconds, see {@link Units#parseDuration}
     * @throws IllegalArgumentException when the key is unknown or the value is not a duration
     */
    public static Duration getDuration(String key) {
        return current().getDuration(key);
    }

    /**
     * @return every effective leaf value under its canonical dotted key, sorted; unmodifiable
     */
    public static Map<String, Object> snapshot() {
        return current().snapshot();
    }

    /**
     * Overrides one value, process-wide, until the returned scope is closed. A map value is merged
     * leaf by leaf into the section of that key. Keys need not exist in any other layer.
     *
     * @param key a dotted key
     * @param value its new value: a scalar, a list, a nested map, or any object a reader expects
     *     (such as a scheduler instance)
     * @return the scope; close it (try-with-resources) to restore the values before it
     * @throws IllegalArgumentException when the key is empty or has an empty segment
     */
    public static Scope set(String key, Object value) {
        Map<String, Object> one = new HashMap<>(2);
        one.put(key, value);
        return GlobalConfig.open(one);
    }

    /**
     * Overrides several values at once, until the returned scope is closed.
     *
     * @param values dotted keys and their values, as for {@link #set(String, Object)}
     * @return the scope; closing it removes all of these values together
     * @throws IllegalArgumentException when a key is empty or has an empty segment
     */
    public static Scope set(Map<String, ?> values) {
        return GlobalConfig.open(values);
    }

    /**
     * Reads the files and environment variables again, keeping open scopes. For tests and for
     * tools that change their environment.
     *
     * @throws ConfigException when a file is malformed; the previous values then stay in force
     */
    public static void refresh() {
        GlobalConfig.refresh();
    }

    /**
     * Builds a configuration from a given environment and given YAML files instead of the
     * process's own, for tests and tools. The layers, lowest first: built-in defaults; each of
     * {@code paths} in order (a YAML file, or a directory whose {@code *.yaml}/{@code *.yml} files
     * are read in name order; a path that does not exist is skipped); the file or directory named
     * by {@code env.get("JDASK_CONFIG")}; the {@code JDASK_*} entries of {@code env}. The result does
     * not affect, and is not affected by, the process-wide configuration.
     *
     * @param env environment variables, e.g. {@code Map.of("JDASK_SCHEDULER__THREADS", "4")}
     * @param paths YAML files or directories, lowest precedence first; the process itself uses
     *     {@code ~/.config/jdask}
     * @return the configuration, immutable
     * @throws ConfigException when a file is malformed or {@code JDASK_CONFIG} names nothing
     */
    public static ConfigView load(Map<String, String> env, List<Path> paths) {
        return ConfigLoader.load(env, paths, Config.class.getClassLoader());
    }
}
