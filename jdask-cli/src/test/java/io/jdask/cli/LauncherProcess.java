package io.jdask.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** How the integration tests start a command of the built distribution: in the repository, no input, output to files, and none of the user's Java or jdask settings. */
final class LauncherProcess {
    /** Environment variables of the user's that would change which Java runs or with what options. */
    private static final List<String> CLEARED = List.of("JAVA_HOME", "JAVA_OPTS", "JDASK_JAVA_OPTS", "JDASK_JDK_DIRS", "JDASK_AOT", "JDASK_AOT_DIR");

    private LauncherProcess() {}

    /**
     * @param command the command
     * @param directory where it runs
     * @param out the file its standard output goes to
     * @param err the file its standard error goes to
     * @return a builder for it, its environment cleared of {@link #CLEARED}
     */
    static ProcessBuilder builder(List<String> command, Path directory, Path out, Path err) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        Map<String, String> env = builder.environment();
        CLEARED.forEach(env::remove);
        return builder;
    }
}
