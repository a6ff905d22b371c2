package io.jdask.cli;

import picocli.CommandLine.Command;

/** {@code jdask demo}: small, self-checking programs that show jdask at work. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a demonstration that checks its own result.",
        subcommands = {DelayedDemoCommand.class, CorrelationDemoCommand.class},
        synopsisSubcommandLabel = "DEMO",
        commandListHeading = "%nDemos:%n")
final class DemoCommand {
}
