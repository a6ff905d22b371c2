package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.function.Fn1;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code shipping with the real distribution (issue 6): a scheduler and a worker started with
 * {@code bin/jdask}, whose class path is the distribution's {@code lib/} alone, run tasks of an
 * application compiled at test time that only this JVM's class loader knows.
 */
class CodeShippingIT {
    private static final Path DIST = Path.of(System.getProperty("jdask.dist.dir", "target/none")).toAbsolutePath();

    @TempDir
    Path temp;

    private static final String SUM_SQUARES = """
            package com.acme.shipped;
            import io.jdask.function.Fn1;
            public final class SumSquares implements Fn1<Integer, Total> {
                @Override
                public Total apply(Integer n) {
                    long s = 0;
                    for (int i = 1; i <= n; i++) {
                        s += (long) i * i;
                    }
                    return new Total(n, s, getClass().getClassLoader().getName());
                }
            }
            """;
    private static final String TOTAL = """
            package com.acme.shipped;
            public record Total(int n, long sum, String loader) {}
            """;

    private Path compile() throws Exception {
        Path src = temp.resolve("src/com/acme/shipped");
        Files.createDirectories(src);
        Files.writeString(src.resolve("SumSquares.java"), SUM_SQUARES);
        Files.writeString(src.resolve("Total.java"), TOTAL);
        Path classes = temp.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String cp = String.join(File.pathSeparator, ClassPathManifest
                .classPath(System.getProperty("java.class.path")).stream().map(Path::toString).toList());
        int rc = javac.run(null, null, null, "--release", "21", "-cp", cp, "-d", classes.toString(),
                src.resolve("SumSquares.java").toString(), src.resolve("Total.java").toString());
        assertThat(rc).as("javac").isZero();
        return classes;
    }

    private Process start(List<String> args, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/jdask").toString()));
        cmd.addAll(args);
        ProcessBuilder b = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(temp.resolve(name + ".out").toFile()).redirectError(temp.resolve(name + ".err").toFile());
        b.environment().remove("JDASK_TOKEN");
        b.environment().remove("JAVA_OPTS");
        b.environment().remove("JDASK_JAVA_OPTS");
        b.environment().put("JDASK_SKIP_BUILD", "1");
        return b.start();
    }

    private static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        List<ProcessHandle> children = p.descendants().toList();
        p.destroy();
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aDistributionWorkerRunsAnApplicationItHasNeverSeen() throws Exception {
        Path classes = compile();
        Path file = temp.resolve("scheduler.txt");
        Path space = temp.resolve("space");
        Process scheduler = null;
        Process worker = null;
        try (URLClassLoader app = new URLClassLoader("acme-app", new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            scheduler = start(List.of("scheduler", "--host", "127.0.0.1", "--port", "0", "--scheduler-file", file.toString(),
                    "--idle-timeout", "60s"), "scheduler");
            worker = start(List.of("worker", "--scheduler-file", file.toString(), "--host", "127.0.0.1", "--name", "dist-worker",
                    "--nthreads", "2", "--memory-limit", "0", "--local-directory", space.toString()), "worker");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(temp.resolve("worker.out")).contains("dist-worker")) {
                assertThat(worker.isAlive()).as("worker: %s", Files.readString(temp.resolve("worker.err"))).isTrue();
                assertThat(System.nanoTime()).as("worker line within 120 s").isLessThan(deadline);
                Thread.sleep(100);
            }
            String address = Files.readString(file).strip().lines().findFirst().orElseThrow();
            @SuppressWarnings("unchecked")
            Fn1<Integer, Object> f = (Fn1<Integer, Object>) app.loadClass("com.acme.shipped.SumSquares").getConstructor().newInstance();
            try (Client client = Client.builder().address(address).classLoader(app).allowPackages("com.acme.").asDefault(false).connect()) {
                List<ClusterFuture<Object>> futures = client.map(f, List.of(1, 10, 100));
                List<Object> totals = client.gather(futures);
                Class<?> total = app.loadClass("com.acme.shipped.Total");
                long[] expected = {1, 385, 338350};
                for (int i = 0; i < 3; i++) {
                    assertThat(totals.get(i)).isInstanceOf(total);
                    assertThat(total.getMethod("sum").invoke(totals.get(i))).isEqualTo(expected[i]);
                    assertThat((String) total.getMethod("loader").invoke(totals.get(i))).startsWith("jdask-client-");
                }
            }
            // cached: the application's classes, and the jars of this JVM's class path (test libraries)
            // that the distribution lacks; nothing the distribution's lib/ has
            String appHash = ClassPathManifest.of(List.of(classes)).artifacts().get(0).sha256();
            List<Path> lib;
            try (Stream<Path> jars = Files.list(DIST.resolve("lib"))) {
                lib = jars.toList();
            }
            Set<String> distribution = ClassPathManifest.of(lib).hashes();
            Set<String> shippedByClient = ClassPathManifest.of(ClassPathManifest.classPath(System.getProperty("java.class.path"))).hashes();
            try (Stream<Path> cached = Files.list(space.resolve("code-cache"))) {
                List<String> hashes = cached.map(p -> p.getFileName().toString().replace(".jar", "")).toList();
                assertThat(hashes).contains(appHash).doesNotContainAnyElementsOf(distribution);
                assertThat(hashes).allSatisfy(h -> assertThat(h.equals(appHash) || shippedByClient.contains(h)).as(h).isTrue());
            }
        } finally {
            stop(worker);
            stop(scheduler);
        }
    }
}
