package io.jdask.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jdask} command: the root of the command line, holding the subcommands.
 *
 * <p>Run it with the repository's {@code ./jdask} launcher or the distribution's
 * {@code bin/jdask}; both pass the JVM flags jdask needs. In tests, {@link #commandLine()}
 * gives the same configured {@link CommandLine} that {@link #main} runs.
 */
@Command(
        name = "jdask",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Parallel computing with task graphs on the JVM: lazy Delayed computations,"
                + " chunked arrays, dataframes and bags, on local or distributed schedulers.",
        subcommands = {SchedulerCommand.class, WorkerCommand.class, DemoCommand.class, AotTrainCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        footer = {"", "Run 'jdask COMMAND --help' for a command's options."})
public final class JdaskCommand {
    private static final Logger LOG = LoggerFactory.getLogger(JdaskCommand.class);

    /**
     * The configured command line: usage help on a missing subcommand, and a one-line
     * {@code jdask: error: ...} (exit code 1) instead of a stack trace when a command fails.
     *
     * @return a new command line for the {@code jdask} command
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new JdaskCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            LOG.debug("command failed", e);
            commandLine.getErr().println("jdask: error: " + describe(e));
            return 1;
        });
        return cli;
    }

    /**
     * Runs the {@code jdask} command and exits with its exit code.
     *
     * @param args the command line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getName() : message;
    }
}
