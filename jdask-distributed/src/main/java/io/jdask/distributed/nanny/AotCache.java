package io.jdask.distributed.nanny;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The ahead-of-time (AOT) cache of worker processes (JDK 25+, JEPs 483, 514 and 515): classes
 * loaded and linked and method profiles recorded by a training run, so that a worker started
 * with it runs its hot paths compiled sooner.
 *
 * <p>A cache is only valid for the JDK and class path that recorded it, so a cache file is named
 * by a {@link #key() key}: a hash of the JDK (its {@code java.home} and {@code java.vm.version}),
 * the JVM options that workers inherit (module options, which the JVM checks too), the class path
 * and the size and modification time of each of its files. A changed jar or JDK gives another
 * key, whose file does not exist yet: the worker starts without a cache, as it would with none.
 *
 * <p>Workers started by a {@link Nanny} (so by {@code LocalCluster} with processes and by
 * {@code jdask worker}) use {@code <dir>/worker-<key>.aot} when the system property
 * {@value #DIR_PROPERTY} names {@code <dir>}, the file exists, the property {@value
 * #ENABLED_PROPERTY} is not {@code off}, the JVM is Java 25 or newer, and the worker's own JVM
 * options name no {@code -XX:AOT...} or {@code -Xshare} option. Such a worker also gets {@code
 * -Xlog:aot*=off}: a cache the JVM still refuses (a file damaged on disk) is ignored silently;
 * pass {@code -Xlog:aot} among the worker's JVM options to see why. Unless the system property
 * {@value #PROFILES_PROPERTY} is {@code on}, it also gets {@link #NO_PROFILES}: the cache's classes,
 * not its training profiles (see {@link #PROFILES_PROPERTY}).
 *
 * <p>Training: start workers with {@link #recordOptions(Path)}, run a representative workload,
 * close the cluster (each worker writes its AOT configuration as it exits), then {@link
 * #assemble(Path, Path)} one configuration into the cache file {@link #workerCache(Path)}.
 * {@code jdask aot-train} does all of this.
 */
public final class AotCache {
    /** System property: the folder of AOT cache files. */
    public static final String DIR_PROPERTY = "jdask.aot.dir";
    /** System property: {@code off} disables the use of AOT caches for workers. */
    public static final String ENABLED_PROPERTY = "jdask.aot";
    /**
     * System property: {@code on} makes workers also replay the method profiles of the training run
     * (JEP 515). Off by default: measured, they made the workers' CPU per {@code map} task about
     * twice that of a worker without a cache (the training mixes workloads), while the cache's
     * classes alone cost nothing.
     */
    public static final String PROFILES_PROPERTY = "jdask.aot.profiles";
    /** The JVM options that keep a JVM from replaying the training profiles of its AOT cache. */
    public static final List<String> NO_PROFILES = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTReplayTraining");
    /** The first Java feature release with {@code -XX:AOTCacheOutput} and AOT method profiles. */
    public static final int MIN_JAVA = 25;
    /** How long a worker that records an AOT configuration may take to exit before it is killed. */
    static final long RECORDING_STOP_SECONDS = 120;

    private AotCache() {}

    /** @return whether this JVM (and so the workers it starts, which run the same java) can use AOT caches */
    public static boolean supported() {
        return supported(Runtime.version().feature());
    }

    static boolean supported(int javaFeature) {
        return javaFeature >= MIN_JAVA;
    }

    /**
     * @return the key of worker caches for this JVM: 16 hex digits hashing the JDK, the inherited
     *     JVM options, the class path and its files' sizes and modification times
     */
    public static String key() {
        return key(System.getProperty("java.class.path"), WorkerCommandLine.inheritedOptions());
    }

    static String key(String classPath, List<String> jvmOptions) {
        StringBuilder s = new StringBuilder();
        s.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version")).append('\n');
        // the options that name the cache folder don't change what the JVM loads
        jvmOptions.stream().filter(o -> !o.startsWith("-D" + DIR_PROPERTY + "=") && !o.startsWith("-D" + ENABLED_PROPERTY + "=")
                        && !o.startsWith("-D" + PROFILES_PROPERTY + "="))
                .forEach(o -> s.append(o).append('\n'));
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            s.append(entry);
            Path p = Path.of(entry);
            try {
                if (Files.isRegularFile(p)) {
                    s.append(' ').append(Files.size(p)).append(' ').append(Files.getLastModifiedTime(p).toMillis());
                }
            } catch (IOException | RuntimeException e) {
                s.append(" ?");
            }
            s.append('\n');
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** @return the worker cache file for this JVM's {@link #key()} in {@code dir} (it may not exist) */
    public static Path workerCache(Path dir) {
        return dir.resolve("worker-" + key() + ".aot");
    }

    /**
     * @return the cache file workers started now should use: the {@link #workerCache} in the folder
     *     named by {@value #DIR_PROPERTY}, when it exists, the property {@value #ENABLED_PROPERTY} is
     *     not {@code off} and Java is new enough; empty otherwise
     */
    public static Optional<Path> workerCacheInUse() {
        return workerCacheInUse(Runtime.version().feature());
    }

    static Optional<Path> workerCacheInUse(int javaFeature) {
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir == null || dir.isBlank() || "off".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY)) || !supported(javaFeature)) {
            return Optional.empty();
        }
        Path f = workerCache(Path.of(dir));
        return Files.isRegularFile(f) && Files.isReadable(f) ? Optional.of(f.toAbsolutePath()) : Optional.empty();
    }

    /**
     * @param configuration where each worker writes the AOT configuration it records as it exits;
     *     a {@code %p} in the name becomes the worker's process id (so that workers don't overwrite
     *     each other's)
     * @return the JVM options for workers of a training run
     * @throws IllegalStateException on Java older than {@value #MIN_JAVA}, or when the class path
     *     holds a folder of classes (the JVM caches classes from jars only, and refuses to write a
     *     cache for such a class path)
     */
    public static List<String> recordOptions(Path configuration) {
        requireSupported();
        requireJars(System.getProperty("java.class.path"));
        return List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration.toAbsolutePath(), "-Xlog:aot*=off");
    }

    /**
     * @param dir the folder of AOT cache files
     * @return where workers of a training run record their configurations: {@code
     *     <dir>/worker-<key>-%p.aotconf}, for {@link #recordOptions(Path)}
     */
    public static Path recordedConfigurations(Path dir) {
        return dir.resolve("worker-" + key() + "-%p.aotconf");
    }

    /**
     * After a training run whose workers recorded into {@link #recordedConfigurations(Path)} and
     * have exited: assembles the largest recorded configuration (that of the worker that ran the
     * most) into {@link #workerCache(Path)}, then deletes the recorded configurations.
     *
     * @param dir the folder of AOT cache files
     * @return the cache file written
     * @throws IOException when no worker recorded a configuration or assembling it fails
     * @throws InterruptedException when interrupted while assembling
     */
    public static Path assembleRecorded(Path dir) throws IOException, InterruptedException {
        String prefix = "worker-" + key() + "-";
        List<Path> recorded;
        try (var files = Files.list(dir)) {
            recorded = files.filter(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".aotconf"))
                    .toList();
        }
        try {
            Path largest = null;
            long size = 0;
            for (Path f : recorded) {
                long n = Files.size(f);
                if (n > size) {
                    largest = f;
                    size = n;
                }
            }
            if (largest == null) {
                throw new IOException("no worker recorded an AOT configuration in " + dir + " (files " + prefix + "*.aotconf: "
                        + recorded.size() + ", all empty); did the workers exit normally?");
            }
            return assemble(largest, workerCache(dir));
        } finally {
            for (Path f : recorded) {
                Files.deleteIfExists(f);
            }
        }
    }

    static boolean records(List<String> command) {
        return command.stream().anyMatch(a -> a.equals("-XX:AOTMode=record") || a.startsWith("-XX:AOTCacheOutput="));
    }

    /**
     * Builds an AOT cache from a recorded configuration, with this JVM's java, class path and
     * inherited JVM options (those the workers that recorded it had). The cache is written to a
     * temporary file next to {@code cache} and then moved over it, so a worker starting meanwhile
     * sees either the old cache or the new one.
     *
     * @param configuration an AOT configuration recorded by a worker of this JVM
     * @param cache the cache file to write
     * @return the cache file
     * @throws IOException when the JVM that assembles it fails (its output is in the message)
     * @throws InterruptedException when interrupted while waiting for it
     */
    public static Path assemble(Path configuration, Path cache) throws IOException, InterruptedException {
        requireSupported();
        Path dir = cache.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, cache.getFileName().toString(), ".tmp");
        Files.delete(tmp); // the JVM writes it afresh
        List<String> cmd = new ArrayList<>();
        cmd.add(WorkerCommandLine.java());
        cmd.addAll(WorkerCommandLine.inheritedOptions());
        cmd.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration.toAbsolutePath(), "-XX:AOTCache=" + tmp,
                "-cp", System.getProperty("java.class.path")));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        try {
            if (p.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                throw new IOException("assembling the AOT cache " + cache + " from " + configuration + " failed (exit code " + p.exitValue()
                        + "): " + new String(out, StandardCharsets.UTF_8).strip());
            }
            return Files.move(tmp, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void requireJars(String classPath) {
        for (String entry : classPath.split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                try (var files = Files.list(p)) {
                    if (files.findAny().isPresent()) {
                        throw new IllegalStateException("an AOT cache needs a class path of jars, and " + p
                                + " on it is a folder of classes (package them into a jar)");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + p + " on the class path: " + e.getMessage(), e);
                }
            }
        }
    }

    private static void requireSupported() {
        if (!supported()) {
            throw new IllegalStateException("AOT caches need Java " + MIN_JAVA + " or newer; this is Java " + Runtime.version());
        }
    }

    /** Used by the {@link WorkerCommandLine}: the AOT options of a worker with these JVM options of its own. */
    static List<String> workerOptions(List<String> ownOptions) {
        return workerOptions(ownOptions, Runtime.version().feature());
    }

    static List<String> workerOptions(List<String> ownOptions, int javaFeature) {
        if (ownOptions.stream().anyMatch(o -> o.startsWith("-XX:AOT") || o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile"))) {
            return List.of();
        }
        return workerCacheInUse(javaFeature).map(f -> {
            List<String> o = new ArrayList<>(List.of("-XX:AOTCache=" + f, "-Xlog:aot*=off"));
            if (!"on".equalsIgnoreCase(System.getProperty(PROFILES_PROPERTY))) {
                o.addAll(NO_PROFILES);
            }
            return List.copyOf(o);
        }).orElse(List.of());
    }
}
