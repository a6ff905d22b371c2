package io.jdask.distributed.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeArtifact;
import io.jdask.distributed.worker.code.AppCompiler;
import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code shipping end to end (issue 6): an application compiled at test time, loaded here with its
 * own class loader and on no class path of the build, runs on worker processes started with
 * jdask's class path only. The workers fetch its classes through the scheduler, cache them by
 * content hash in their local directory, and load them in the client's own class loader; results
 * come back as the application's own classes.
 */
class CodeShippingClusterTest {
    @TempDir
    Path tmp;

    static Map<String, String> sources() {
        return Map.of(
                "com/acme/app/Stats.java", """
                        package com.acme.app;
                        public record Stats(String where, long sum, int count) {}
                        """,
                "com/acme/app/SumSquares.java", """
                        package com.acme.app;
                        import io.jdask.function.Fn1;
                        public final class SumSquares implements Fn1<Integer, Stats> {
                            @Override
                            public Stats apply(Integer n) {
                                long s = 0;
                                for (int i = 1; i <= n; i++) {
                                    s += (long) i * i;
                                }
                                return new Stats(getClass().getClassLoader().getName(), s, 1);
                            }
                        }
                        """,
                "com/acme/app/Merge.java", """
                        package com.acme.app;
                        import io.jdask.function.Fn2;
                        public final class Merge implements Fn2<Stats, Stats, Stats> {
                            @Override
                            public Stats apply(Stats a, Stats b) {
                                return new Stats(a.where(), a.sum() + b.sum(), a.count() + b.count());
                            }
                        }
                        """);
    }

    private static long sumOfSquares(int n) {
        long s = 0;
        for (int i = 1; i <= n; i++) {
            s += (long) i * i;
        }
        return s;
    }

    private static LocalCluster cluster(int workers, Path space) throws Exception {
        return LocalCluster.builder().workers(workers).threadsPerWorker(1).processes(true).localDirectory(space).start();
    }

    private static Client client(LocalCluster cluster, ClassLoader app) throws Exception {
        return Client.builder().address(cluster.schedulerAddress()).classLoader(app).allowPackages("com.acme.").asDefault(false).connect();
    }

    @SuppressWarnings("unchecked")
    private static Fn1<Integer, Object> sumSquares(ClassLoader app) throws Exception {
        return (Fn1<Integer, Object>) app.loadClass("com.acme.app.SumSquares").getConstructor().newInstance();
    }

    /** Runs {@code n -> sum of squares} on 1..6 and merges two results; checks them; returns how many artifacts the client sent. */
    @SuppressWarnings("unchecked")
    private static long runApplication(LocalCluster cluster, URLClassLoader app) throws Exception {
        try (Client client = client(cluster, app)) {
            List<Integer> inputs = IntStream.rangeClosed(1, 6).boxed().toList();
            List<ClusterFuture<Object>> futures = client.map(sumSquares(app), inputs);
            Fn2<Object, Object, Object> merge = (Fn2<Object, Object, Object>) app.loadClass("com.acme.app.Merge").getConstructor().newInstance();
            ClusterFuture<Object> merged = client.submit(merge, futures.get(0), futures.get(5));
            List<Object> results = client.gather(futures);
            Class<?> stats = app.loadClass("com.acme.app.Stats");
            for (int i = 0; i < inputs.size(); i++) {
                Object r = results.get(i);
                assertThat(r).isInstanceOf(stats);
                assertThat(r.getClass().getClassLoader()).as("results are read with the client's loader").isSameAs(app);
                assertThat(stats.getMethod("sum").invoke(r)).isEqualTo(sumOfSquares(inputs.get(i)));
                assertThat((String) stats.getMethod("where").invoke(r)).as("the loader that ran it on the worker")
                        .startsWith("jdask-client-");
            }
            Object m = client.gather(merged);
            assertThat(stats.getMethod("sum").invoke(m)).isEqualTo(sumOfSquares(1) + sumOfSquares(6));
            assertThat(stats.getMethod("count").invoke(m)).isEqualTo(2);
            return ((ClientImpl) client).codeShipping().served();
        }
    }

    @Test
    void workersWithoutTheApplicationRunItFetchOnceAndRefetchACorruptedCache() throws Exception {
        Path classes = AppCompiler.compile(sources(), tmp.resolve("app"));
        Path space = tmp.resolve("space");
        CodeArtifact artifact = ClassPathManifest.of(List.of(classes)).artifacts().get(0);
        Path cached = space.resolve("code-cache").resolve(artifact.sha256() + ".jar");
        assertThatThrownBy(() -> Class.forName("com.acme.app.SumSquares")).as("the application is on no class path")
                .isInstanceOf(ClassNotFoundException.class);
        try (URLClassLoader app = AppCompiler.clientLoader(classes)) {
            try (LocalCluster cluster = cluster(2, space)) {
                long served = runApplication(cluster, app);
                assertThat(served).as("artifacts sent to two workers sharing a cache").isBetween(1L, 2L);
            }
            assertThat(cached).exists().hasSize(artifact.size());
            long stamp = Files.getLastModifiedTime(cached).toMillis();

            try (LocalCluster cluster = cluster(1, space)) {
                assertThat(runApplication(cluster, app)).as("artifacts sent when the cache has the jar").isZero();
            }
            assertThat(Files.getLastModifiedTime(cached).toMillis()).isEqualTo(stamp);

            byte[] damaged = Files.readAllBytes(cached);
            damaged[damaged.length / 2] ^= 0x5A;
            Files.write(cached, damaged);
            try (LocalCluster cluster = cluster(1, space)) {
                assertThat(runApplication(cluster, app)).as("artifacts sent when the cached jar is damaged").isEqualTo(1);
            }
            assertThat(Files.readAllBytes(cached)).as("the damaged jar was replaced")
                    .isNotEqualTo(damaged).hasSize((int) artifact.size());
        }
    }

    @Test
    void anArtifactTheClientCannotSendFailsTheTaskWithTheReason() throws Exception {
        Path classes = AppCompiler.compile(sources(), tmp.resolve("app"));
        Path jar = AppCompiler.jar(classes, tmp.resolve("acme-app.jar"));
        try (URLClassLoader app = AppCompiler.clientLoader(jar);
                LocalCluster cluster = cluster(1, tmp.resolve("space"));
                Client client = client(cluster, app)) {
            Fn1<Integer, Object> f = sumSquares(app);
            Files.delete(jar); // announced when the client connected, gone when a worker asks for it
            ClusterFuture<Object> r = client.submit(f, 3);
            assertThatThrownBy(() -> client.gather(r)).satisfies(t -> assertThat(chain(t))
                    .contains("acme-app.jar", "could not be fetched", "cannot send it", "NoSuchFileException"));
        }
    }

    private static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append('\n');
        }
        return b.toString();
    }
}
