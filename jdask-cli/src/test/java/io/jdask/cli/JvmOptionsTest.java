package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM flags jdask needs live in {@code src/main/dist/conf/jvm.options} (read by
 * {@code ./jdask} and {@code bin/jdask}) and in the parent pom's {@code jdask.jvm.flags} (passed
 * to the tests by Surefire). These tests keep the two the same.
 */
class JvmOptionsTest {
    private static final Path OPTIONS = Path.of("src/main/dist/conf/jvm.options");
    private static final Path SHELL_LIBRARY = Path.of("src/main/dist/libexec/jdask-java.sh");

    @Test
    void jvmOptionsFileHasExactlyThePomsFlagsInTheSameOrder() throws IOException {
        List<String> fromFile = new ArrayList<>();
        for (String line : Files.readAllLines(OPTIONS)) {
            String flags = line.replaceFirst("#.*", "").strip();
            if (flags.isEmpty()) {
                continue;
            }
            List<String> words = new ArrayList<>(Arrays.asList(flags.split("\\s+")));
            if (words.getFirst().startsWith("jdk>=")) {
                assertThat(words.removeFirst().substring("jdk>=".length())).containsOnlyDigits();
            }
            fromFile.addAll(words);
        }

        assertThat(fromFile).isNotEmpty().containsExactlyElementsOf(pomFlags());
    }

    @Test
    void theLaunchersReadAllFlagsForTheNewestJavaAndDropGuardedOnesForOlder() throws Exception {
        assertThat(flagsTheLauncherPasses(Runtime.version().feature() + 100)).containsExactlyElementsOf(pomFlags());

        List<String> forJava21 = flagsTheLauncherPasses(21);
        assertThat(forJava21)
                .contains("--enable-native-access=ALL-UNNAMED", "--add-opens")
                .contains("-Dsun.misc.unsafe.memory.access=allow") // a property: JDK 21/22 ignore it
                .doesNotContain("--sun-misc-unsafe-memory-access=allow"); // an option JDK 21/22 refuse
        assertThat(pomFlags()).containsAll(forJava21);
    }

    @Test
    void theTestJvmRunsWithThePomsFlags() {
        List<String> arguments = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        assertThat(arguments).contains("--enable-native-access=ALL-UNNAMED");
        assertThat(arguments).anySatisfy(a -> assertThat(a).contains("java.base/java.lang.invoke=ALL-UNNAMED"));
    }

    private static List<String> pomFlags() {
        String flags = System.getProperty("jdask.expected.jvm.flags");
        assertThat(flags).as("Surefire passes the pom's jdask.jvm.flags").isNotBlank();
        return Arrays.asList(flags.strip().split("\\s+"));
    }

    /** Runs the shell library's {@code jdask_read_jvm_options}, the code both launchers use. */
    private static List<String> flagsTheLauncherPasses(int javaFeature) throws Exception {
        String script = ". \"$1\" && jdask_read_jvm_options \"$2\" \"$3\" && printf '%s\\n' \"${JDASK_JVM_FLAGS[@]}\"";
        Process process = new ProcessBuilder(
                        "bash", "-c", script, "bash", SHELL_LIBRARY.toString(), OPTIONS.toString(),
                        Integer.toString(javaFeature))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
