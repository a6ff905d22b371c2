package io.jdask.distributed.nanny;

import io.jdask.distributed.comm.Security;
import io.jdask.distributed.worker.WorkerMain;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The command line and environment of a worker process, from a nanny's settings. */
final class WorkerCommandLine {
    /** JVM options of this process that worker processes need too. */
    static final List<String> INHERITED = List.of("--add-opens", "--add-exports", "--enable-native-access",
            "--sun-misc-unsafe-memory-access", "-Dsun.misc.unsafe", "-Dserialization.", "-Djdask.", "-Dscheduler.",
            "-Ddistributed.");

    private WorkerCommandLine() {}

    /** @return the java executable of this process, which worker processes run too */
    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** @return the JVM options of this process that worker processes get too (see {@link #INHERITED}) */
    static List<String> inheritedOptions() {
        List<String> out = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED.stream().anyMatch(a::startsWith)) {
                out.add(a);
            }
        }
        return out;
    }

    static List<String> command(Nanny.Builder b) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(inheritedOptions());
        if (b.memoryLimit > 0 && b.jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            cmd.add("-Xmx" + ((b.memoryLimit + (256L << 20)) >> 20) + "m");
        }
        // the AOT cache of a training run (jdask aot-train), when there is one for this JDK and class path
        cmd.addAll(AotCache.workerOptions(b.jvmOptions));
        cmd.addAll(b.jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        if (b.scheduler != null) {
            cmd.addAll(List.of("--scheduler", b.scheduler));
        } else {
            cmd.addAll(List.of("--scheduler-file", b.schedulerFile.toAbsolutePath().toString()));
        }
        cmd.addAll(List.of("--nthreads", String.valueOf(b.nthreads), "--memory-limit", String.valueOf(b.memoryLimit),
                "--host", b.host, "--death-timeout-ms", String.valueOf(b.deathTimeout.toMillis()),
                "--lifetime-ms", String.valueOf(b.lifetime.toMillis())));
        if (b.restart) {
            cmd.addAll(List.of("--restartable", "true"));
        }
        if (b.name != null) {
            cmd.addAll(List.of("--name", b.name));
        }
        if (b.localDirectory != null) {
            cmd.addAll(List.of("--local-directory", b.localDirectory.toAbsolutePath().toString()));
        }
        if (!b.resources.isEmpty()) {
            StringBuilder r = new StringBuilder();
            for (Map.Entry<String, Double> e : new TreeMap<>(b.resources).entrySet()) {
                r.append(r.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
            }
            cmd.addAll(List.of("--resources", r.toString()));
        }
        if (b.security.tls() != null) {
            cmd.addAll(List.of("--tls-cert", b.security.tls().certificate().toAbsolutePath().toString(),
                    "--tls-key", b.security.tls().privateKey().toAbsolutePath().toString(),
                    "--tls-ca", b.security.tls().trustedCa().toAbsolutePath().toString()));
        }
        return cmd;
    }

    static void environment(Nanny.Builder b, Map<String, String> env) {
        env.remove(Security.TOKEN_FILE_ENV);
        if (b.security.token() != null) {
            env.put(Security.TOKEN_ENV, b.security.token());
        } else {
            env.remove(Security.TOKEN_ENV);
        }
    }
}
