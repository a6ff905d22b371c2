package io.jdask.distributed.worker.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.code.ClassPathManifest;
import io.jdask.distributed.code.CodeArtifact;
import io.jdask.serialize.Serialization;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code-shipping test of issue 6 with a real process: a worker JVM started with jdask's class
 * path alone receives an application compiled at test time through a {@link CodeSource} (a pipe to
 * this JVM standing in for the transport), loads it in the client's class loader, and runs a
 * serialized lambda of it. A second run finds the jar in its cache and fetches nothing.
 */
class CodeShippingProcessTest {
    @TempDir
    Path tmp;

    @Test
    void aWorkerProcessWithoutTheClassRunsTheShippedTaskAndReusesItsCache() throws Exception {
        Path classes = AppCompiler.compile(AppCompiler.greeterSources("v1"), tmp.resolve("app"));
        ClassPathManifest manifest = ClassPathManifest.of(List.of(classes));
        assertThat(manifest.artifacts()).hasSize(1);

        Path taskFile = tmp.resolve("task.bin");
        try (URLClassLoader app = AppCompiler.clientLoader(classes)) {
            Object task = app.loadClass("com.acme.shipped.Greeter").getMethod("task", String.class).invoke(null, "hello");
            Serialization clientSide = Serialization.builder().classLoader(app).allowPackages("com.acme.").build();
            Files.write(taskFile, clientSide.toBytes(task));
            @SuppressWarnings("unchecked")
            Function<Integer, String> local = (Function<Integer, String>) task;
            assertThat(local.apply(21)).isEqualTo("hello #42 from v1");
        }

        Path cache = tmp.resolve("local").resolve("code-cache");
        List<String> first = runChild(manifest, cache, taskFile, 21);
        assertThat(first).contains("ABSENT com.acme.shipped.Greeter", "RESULT hello #42 from v1",
                "LOADER jdask-client-alice", "FETCHES 1 HITS 0");
        assertThat(first.stream().filter(l -> l.startsWith("FETCH ")).toList())
                .containsExactly("FETCH " + manifest.artifacts().get(0).sha256());
        assertThat(cache.resolve(manifest.artifacts().get(0).sha256() + ".jar")).exists();

        List<String> second = runChild(manifest, cache, taskFile, 5);
        assertThat(second).contains("ABSENT com.acme.shipped.Greeter", "RESULT hello #10 from v1", "FETCHES 0 HITS 1");
        assertThat(second.stream().filter(l -> l.startsWith("FETCH ")).toList()).isEmpty();
    }

    /** Runs {@link CodeShippingChild}, answering its fetches from the manifest; returns its output lines. */
    private List<String> runChild(ClassPathManifest manifest, Path cache, Path taskFile, int input) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmFlags());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(CodeShippingChild.class.getName());
        cmd.add(cache.toString());
        cmd.add("alice");
        cmd.add(taskFile.toString());
        cmd.add(Integer.toString(input));
        for (CodeArtifact a : manifest.artifacts()) {
            cmd.add(a.sha256() + ":" + a.size() + ":" + a.name());
        }
        Path err = tmp.resolve("child-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        ExecutorService io = Executors.newSingleThreadExecutor();
        try {
            Future<List<String>> lines = io.submit(() -> converse(p, manifest));
            List<String> out = lines.get(120, TimeUnit.SECONDS);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child exited").isTrue();
            assertThat(p.exitValue()).as("child exit status; stderr: %s", Files.readString(err)).isZero();
            return out;
        } finally {
            p.destroyForcibly();
            io.shutdownNow();
        }
    }

    private static List<String> converse(Process p, ClassPathManifest manifest) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                DataOutputStream w = new DataOutputStream(p.getOutputStream())) {
            String line;
            while ((line = r.readLine()) != null) {
                out.add(line);
                if (line.startsWith("FETCH ")) {
                    try (InputStream in = manifest.open(line.substring(6))) {
                        byte[] bytes = in.readAllBytes();
                        w.writeLong(bytes.length);
                        w.write(bytes);
                        w.flush();
                    }
                }
            }
        }
        return out;
    }

    /** The flags this JVM runs with that Fory needs (opens, native access, Unsafe), for the child. */
    private static List<String> jvmFlags() {
        List<String> out = new ArrayList<>();
        List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < in.size(); i++) {
            String a = in.get(i);
            if (a.startsWith("--add-opens") || a.startsWith("--enable-native-access") || a.startsWith("-Dsun.misc")) {
                out.add(a);
                if (!a.contains("=") && i + 1 < in.size()) {
                    out.add(in.get(++i));
                }
            }
        }
        return out;
    }
}
