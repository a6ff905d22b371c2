package io.jdask.distributed.worker;

import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeArtifact;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jars on the worker's own class path, to skip shipped artifacts the worker already has (a
 * library of the same version has the same bytes everywhere). A jar is hashed only when a client
 * ships one of the same file name and size, and then once per process. Thread-safe.
 */
final class OwnClassPath {
    private record Jar(Path path, String name, long size) {}

    private final List<Jar> jars = new ArrayList<>();
    private final Map<Path, String> hashes = new ConcurrentHashMap<>();

    OwnClassPath(List<Path> entries) {
        for (Path p : entries) {
            try {
                if (Files.isRegularFile(p) && p.getFileName() != null) {
                    jars.add(new Jar(p, p.getFileName().toString(), Files.size(p)));
                }
            } catch (IOException unreadable) {
                // an entry the worker cannot read: it is not "present"
            }
        }
    }

    /** @return the worker's application class path */
    static OwnClassPath ofApplication() {
        return new OwnClassPath(ClassPathManifest.classPath(System.getProperty("java.class.path", "")));
    }

    /** @return whether the worker's class path has a jar with the artifact's bytes */
    boolean has(CodeArtifact a) {
        for (Jar j : jars) {
            if (j.size() == a.size() && j.name().equals(a.name()) && a.sha256().equals(hash(j.path()))) {
                return true;
            }
        }
        return false;
    }

    private String hash(Path p) {
        return hashes.computeIfAbsent(p, OwnClassPath::sha256);
    }

    private static String sha256(Path p) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(p)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "";
        }
    }
}
