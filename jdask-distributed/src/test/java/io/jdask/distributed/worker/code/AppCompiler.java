package io.jdask.distributed.worker.code;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles a small "application" at test time, so that its classes are on no class path of the build. */
public final class AppCompiler {
    private AppCompiler() {}

    /** The application, in a given version: a task factory that uses a package-private helper, and a value record. */
    public static Map<String, String> greeterSources(String version) {
        return Map.of(
                "com/acme/shipped/Greeter.java", """
                        package com.acme.shipped;
                        import java.io.Serializable;
                        import java.util.function.Function;
                        public class Greeter {
                            public static final String VERSION = "%s";
                            public static Function<Integer, String> task(String greeting) {
                                return (Function<Integer, String> & Serializable) n -> greeting + " " + Formatter.format(n) + " from " + VERSION;
                            }
                        }
                        """.formatted(version),
                "com/acme/shipped/Formatter.java", """
                        package com.acme.shipped;
                        final class Formatter {
                            static String format(int n) { return "#" + (n * 2); }
                        }
                        """,
                "com/acme/shipped/Tally.java", """
                        package com.acme.shipped;
                        public record Tally(String who, long count) {}
                        """);
    }

    /**
     * @param sources relative path to source text
     * @param root a directory; sources go to {@code root/src}, classes to {@code root/classes}
     * @return the classes directory
     */
    public static Path compile(Map<String, String> sources, Path root) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("tests need a JDK with javac (java.home " + System.getProperty("java.home") + ")");
        }
        Path src = root.resolve("src");
        Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        String cp = io.jdask.distributed.code.ClassPathManifest.classPath(System.getProperty("java.class.path", "")).stream()
                .map(Path::toString).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("--release", "21", "-cp", cp, "-d", classes.toString()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
            args.add(f.toString());
        }
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("javac failed with " + rc + " on " + sources.keySet());
        }
        return classes;
    }

    /** Packs a classes directory into a plain jar (not the manifest's deterministic packing). */
    public static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(p));
                j.closeEntry();
            }
        }
        return jar;
    }

    /** A loader over the compiled classes, standing in for the client application's own class loader. */
    public static URLClassLoader clientLoader(Path classesOrJar) throws IOException {
        return new URLClassLoader("client-app", new URL[] {classesOrJar.toUri().toURL()}, AppCompiler.class.getClassLoader());
    }
}
