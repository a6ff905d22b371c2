package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Without a native BLAS, products still come out right and exactly one warning says how to
 * install one. netlib 3.0.x locates its JNI library by {@code os.arch}; a child JVM started with
 * an architecture it has no library for cannot load the native code, exactly like a machine
 * without one.
 */
class BlasFallbackTest {
    private static List<String> runChild(String... jvmArgs) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(List.of(jvmArgs));
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                BlasFallbackMain.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("child JVM did not finish");
        }
        List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines;
    }

    @Test
    void withoutNativeBlasProductsAreRightAndOneWarningSaysHowToInstallOne() throws Exception {
        List<String> lines = runChild("-Dos.arch=no-such-arch");
        assertThat(lines).contains("OK");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("implementation dev.ludovic.netlib.blas.Java"));
        List<String> warnings = lines.stream().filter(l -> l.contains("WARN")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("no native BLAS found").contains("apt-get install libopenblas0");
    }

    @Test
    void withNativeBlasThereIsNoWarning() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Blas.implementation().contains("JNI"),
                "needs the system OpenBLAS (libopenblas0) in this JVM");
        List<String> lines = runChild();
        assertThat(lines).contains("OK", "implementation dev.ludovic.netlib.blas.JNIBLAS");
        assertThat(lines).noneSatisfy(l -> assertThat(l).contains("WARN"));
    }
}
