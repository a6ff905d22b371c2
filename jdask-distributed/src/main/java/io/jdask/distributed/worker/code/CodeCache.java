package io.jdask.distributed.worker.code;

import io.jdask.distributed.code.CodeArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shipped artifacts on a worker's disk, keyed by content: {@code <directory>/<sha256>.jar}. The
 * cache is shared by every worker that uses the same local directory and kept across runs, so a
 * client's jars are fetched once per machine, not once per worker or per run.
 *
 * <p>Writes are atomic: bytes go to a temporary file in the same directory while their hash is
 * computed, and the file is moved into place only when hash and size match the artifact; two
 * workers fetching the same artifact at once both end with the same complete file, and lookups of
 * one artifact by several threads of a process fetch it once. A file found
 * in the cache is hashed again the first time this process uses it, and replaced when it does not
 * match (a disk error, a partial copy by hand).
 *
 * <p>Thread-safe.
 */
public final class CodeCache {
    private static final String SUFFIX = ".jar";
    private final Path directory;
    private final Set<String> verified = ConcurrentHashMap.newKeySet();
    /** One lock per artifact being looked up, so that concurrent lookups of one artifact fetch it once. */
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();
    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    /**
     * @param directory the cache directory (e.g. {@code <local-directory>/code-cache}), created when
     *     the first artifact is fetched into it
     */
    public CodeCache(Path directory) {
        this.directory = directory;
    }

    /** @return the cache directory */
    public Path directory() {
        return directory;
    }

    /**
     * @param sha256 an artifact's hash
     * @return whether the cache has a file for it (not yet verified)
     */
    public boolean contains(String sha256) {
        return CodeArtifact.isSha256(sha256) && Files.isRegularFile(file(sha256));
    }

    /**
     * The local file of an artifact, fetched from {@code source} when the cache lacks it or holds a
     * damaged copy.
     *
     * @param artifact the artifact
     * @param source where to fetch it from
     * @return the verified file
     * @throws IOException when it cannot be fetched, or the bytes fetched do not have the
     *     artifact's hash or size (the message names the artifact); nothing is cached then
     */
    public Path get(CodeArtifact artifact, CodeSource source) throws IOException {
        // concurrent lookups of one artifact in this process (two clients shipping the same jar)
        // wait for the first, which fetches it; the others then find it verified
        synchronized (locks.computeIfAbsent(artifact.sha256(), k -> new Object())) {
            return lookUp(artifact, source);
        }
    }

    private Path lookUp(CodeArtifact artifact, CodeSource source) throws IOException {
        Path target = file(artifact.sha256());
        if (verified.contains(artifact.sha256()) && Files.isRegularFile(target)) {
            hits.incrementAndGet();
            return target;
        }
        if (Files.isRegularFile(target)) {
            if (Files.size(target) == artifact.size() && hash(target).equals(artifact.sha256())) {
                verified.add(artifact.sha256());
                hits.incrementAndGet();
                return target;
            }
            Files.deleteIfExists(target);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IOException("cannot create the code cache directory " + directory + ": " + e.getMessage(), e);
        }
        Path tmp = Files.createTempFile(directory, artifact.sha256().substring(0, 16) + "-", ".part");
        try {
            MessageDigest md = sha256();
            long size = 0;
            try (InputStream in = source.open(artifact); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    out.write(buf, 0, n);
                    size += n;
                    if (size > artifact.size()) {
                        break;
                    }
                }
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (size != artifact.size() || !got.equals(artifact.sha256())) {
                throw new IOException("the bytes received for artifact " + artifact.name() + " (" + artifact.sha256()
                        + ", " + artifact.size() + " bytes) do not match it: got " + (size > artifact.size()
                        ? "more than " + artifact.size() + " bytes" : size + " bytes with SHA-256 " + got));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // another worker moved the same content into place first
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the code cache " + directory + " does not support atomic moves", e);
            }
            fetches.incrementAndGet();
            fetchedBytes.addAndGet(size);
            verified.add(artifact.sha256());
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return artifacts fetched by this process */
    public long fetches() {
        return fetches.get();
    }

    /** @return bytes fetched by this process */
    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    /** @return artifacts found in the cache by this process */
    public long hits() {
        return hits.get();
    }

    private Path file(String sha256) {
        return directory.resolve(sha256 + SUFFIX);
    }

    private static String hash(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }
}
