package io.jdask.distributed.code;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * What a client ships so that workers can run its tasks: the application's class-path entries
 * that are not jdask's own, each as a {@link CodeArtifact} fingerprinted by content.
 *
 * <p>A jar is fingerprinted by the SHA-256 of its file; a class directory is packed into a jar
 * deterministically (sorted entries, no compression, fixed time stamps) and fingerprinted by that
 * jar's hash, so the same content has the same hash on every machine and in every run. Entries
 * that hold jdask's own classes (a package {@code io/jdask/}), manifest-only jars, and entries that
 * do not exist are left out; {@link #without} leaves out what a worker reports it already has (the
 * hashes of its own class path: a jar of the same version from Maven Central has the same bytes
 * everywhere).
 *
 * <p>The manifest serves its artifacts' bytes with {@link #open}, and only those: it is what the
 * client answers a worker's request with. Packed directories are kept in memory, jars are read
 * from their files when asked for.
 *
 * <p>Immutable and thread-safe.
 */
public final class ClassPathManifest {
    private final Map<String, Source> sources;
    private final List<CodeArtifact> artifacts;

    /** Where an artifact's bytes come from: a jar file, or the bytes of a packed directory. */
    private record Source(CodeArtifact artifact, Path jar, byte[] packed) {}

    private ClassPathManifest(Map<String, Source> sources) {
        this.sources = sources;
        this.artifacts = sources.values().stream().map(Source::artifact).toList();
    }

    /**
     * The manifest of this JVM's application class path ({@code java.class.path}, with the jars
     * named by the {@code Class-Path} attributes of jar manifests).
     *
     * @return the manifest
     * @throws UncheckedIOException when an entry cannot be read (the message names it)
     */
    public static ClassPathManifest ofApplication() {
        return of(classPath(System.getProperty("java.class.path", "")));
    }

    /**
     * @param entries class-path entries (jars and class directories), in class-path order
     * @return the manifest of those that are not jdask's own, manifest-only or missing; an entry
     *     that appears twice, or two with the same content, count once
     * @throws UncheckedIOException when an entry cannot be read (the message names it)
     */
    public static ClassPathManifest of(List<Path> entries) {
        Map<String, Source> sources = new LinkedHashMap<>();
        for (Path p : entries) {
            try {
                Source s = fingerprint(p);
                if (s != null) {
                    sources.putIfAbsent(s.artifact().sha256(), s);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot fingerprint class-path entry " + p + ": " + e.getMessage(), e);
            }
        }
        return new ClassPathManifest(sources);
    }

    /**
     * Splits a class-path string and follows the {@code Class-Path} attributes of its jars' manifests
     * (relative to each jar's directory), as the JVM's application class loader does.
     *
     * @param classPath entries separated by {@link File#pathSeparator}
     * @return the entries, without duplicates, in order
     */
    public static List<Path> classPath(String classPath) {
        Set<Path> out = new LinkedHashSet<>();
        for (String s : classPath.split(File.pathSeparator)) {
            if (!s.isBlank()) {
                add(Path.of(s).toAbsolutePath().normalize(), out);
            }
        }
        return List.copyOf(out);
    }

    private static void add(Path p, Set<Path> out) {
        if (!out.add(p) || !Files.isRegularFile(p)) {
            return;
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            Manifest m = jar.getManifest();
            String cp = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp == null) {
                return;
            }
            for (String ref : cp.trim().split("\\s+")) {
                if (ref.isEmpty()) {
                    continue;
                }
                try {
                    Path target = ref.startsWith("file:") ? Path.of(java.net.URI.create(ref))
                            : p.getParent().resolve(java.net.URLDecoder.decode(ref, java.nio.charset.StandardCharsets.UTF_8));
                    add(target.toAbsolutePath().normalize(), out);
                } catch (IllegalArgumentException e) {
                    // an entry the JVM would ignore too
                }
            }
        } catch (IOException e) {
            // not a jar: the JVM ignores it as well
        }
    }

    /**
     * @param entry a class-path entry
     * @return whether it holds jdask's own classes (a package {@code io/jdask/})
     * @throws IOException when it cannot be read
     */
    public static boolean isJdaskOwn(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            return Files.isDirectory(entry.resolve("io").resolve("jdask"));
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                if (e.nextElement().getName().startsWith("io/jdask/")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Source fingerprint(Path p) throws IOException {
        if (!Files.exists(p) || isJdaskOwn(p)) {
            return null;
        }
        if (Files.isDirectory(p)) {
            byte[] packed = JarPacker.pack(p);
            String name = p.getFileName() == null ? p.toString() : p.getFileName().toString();
            return new Source(new CodeArtifact(Hashing.of(packed), packed.length, name + "/"), null, packed);
        }
        if (manifestOnly(p)) {
            return null;
        }
        return new Source(new CodeArtifact(Hashing.of(p), Files.size(p), p.getFileName().toString()), p, null);
    }

    private static boolean manifestOnly(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements(); ) {
                if (!e.nextElement().getName().startsWith("META-INF/")) {
                    return false;
                }
            }
        }
        return true;
    }

    /** @return the artifacts, in class-path order */
    public List<CodeArtifact> artifacts() {
        return artifacts;
    }

    /** @return the artifacts' hashes */
    public Set<String> hashes() {
        return sources.keySet();
    }

    /**
     * @param sha256s hashes a worker already has on its own class path
     * @return this manifest without them
     */
    public ClassPathManifest without(Collection<String> sha256s) {
        Map<String, Source> rest = new LinkedHashMap<>(sources);
        rest.keySet().removeAll(Set.copyOf(sha256s));
        return new ClassPathManifest(rest);
    }

    /**
     * @return an identifier of the whole set: the SHA-256 of the artifacts' hashes in order, one per
     *     line (two manifests with the same id ship the same code)
     */
    public String id() {
        return Hashing.of(String.join("\n", sources.keySet()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * The bytes of one of this manifest's artifacts, for a worker that asked for them.
     *
     * @param sha256 the artifact's hash
     * @return a stream of its bytes; the caller closes it
     * @throws NoSuchElementException when the manifest has no such artifact (nothing else is ever
     *     served)
     * @throws IOException when the jar cannot be read
     */
    public InputStream open(String sha256) throws IOException {
        Source s = sources.get(sha256);
        if (s == null) {
            throw new NoSuchElementException("this client ships no artifact with SHA-256 " + sha256
                    + " (it ships " + artifacts.size() + ": " + artifacts.stream().map(CodeArtifact::name).toList() + ")");
        }
        return s.packed() != null ? new ByteArrayInputStream(s.packed()) : Files.newInputStream(s.jar());
    }

    @Override
    public String toString() {
        return "ClassPathManifest" + artifacts.stream().map(a -> a.name() + "@" + a.sha256().substring(0, 12)).toList();
    }
}
