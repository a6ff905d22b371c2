package io.jdask.distributed.worker.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeArtifact;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCacheConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    void concurrentLookupsOfOneArtifactFetchItOnce() throws Exception {
        Path classes = AppCompiler.compile(AppCompiler.greeterSources("v1"), tmp.resolve("app"));
        ClassPathManifest manifest = ClassPathManifest.of(List.of(classes));
        CodeArtifact a = manifest.artifacts().get(0);
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CodeSource slow = artifact -> {
            opened.incrementAndGet();
            started.countDown();
            try {
                Thread.sleep(300); // the other lookups arrive meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return manifest.open(artifact.sha256());
        };
        CodeCache cache = new CodeCache(tmp.resolve("cache"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> got = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                got.add(pool.submit(() -> cache.get(a, slow)));
            }
            assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
            for (Future<Path> f : got) {
                Path p = f.get(60, TimeUnit.SECONDS);
                assertThat(p).hasSize(a.size());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(opened.get()).as("fetches of one artifact by four threads").isEqualTo(1);
        assertThat(cache.fetches()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(3);
        try (var files = Files.list(tmp.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(a.sha256() + ".jar");
        }
        try (InputStream in = Files.newInputStream(tmp.resolve("cache").resolve(a.sha256() + ".jar"))) {
            assertThat(in.readAllBytes()).isEqualTo(manifest.open(a.sha256()).readAllBytes());
        }
    }
}
