package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdaskCommandTest {

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: jdask").contains("Commands:");
        assertThat(run.out()).containsPattern("(?m)^\\s+demo\\s").containsPattern("(?m)^\\s+help\\s");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void versionPrintsTheBuildsVersionAndTheJavaRuntime() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        String[] lines = run.out().split("\\R");
        assertThat(lines[0]).isEqualTo("jdask " + System.getProperty("jdask.expected.version"));
        assertThat(lines[1])
                .startsWith("Java " + Runtime.version())
                .contains(System.getProperty("java.vendor"))
                .endsWith(System.getProperty("java.home"));
    }

    @Test
    void versionIsTheOneTheBuildFilledIn() {
        assertThat(VersionProvider.jdaskVersion())
                .isEqualTo(System.getProperty("jdask.expected.version"))
                .doesNotContain("${");
    }

    @Test
    void withoutASubcommandItExplainsAndFailsWithUsageExitCode() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required subcommand").contains("Usage: jdask");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        CliRun run = CliRun.of("--no-such-option");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void helpSubcommandShowsACommandsUsage() {
        CliRun run = CliRun.of("help", "demo");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: jdask demo");
    }
}
