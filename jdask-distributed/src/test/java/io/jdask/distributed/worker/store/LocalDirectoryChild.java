package io.jdask.distributed.worker.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in worker process for {@link LocalDirectoryProcessTest}: opens its directory under the
 * root given as argument, spills a file into it, prints the directory, and waits to be killed. With
 * a count as second argument it opens and closes that many directories instead, then prints
 * {@code CHURNED} (an error's stack trace goes to its standard error).
 */
public final class LocalDirectoryChild {
    private LocalDirectoryChild() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1) { // churn: open and close that many directories, as workers starting side by side do
            for (int i = Integer.parseInt(args[1]); i > 0; i--) {
                LocalDirectory.open(Path.of(args[0])).close();
            }
            System.out.println("CHURNED");
            return;
        }
        LocalDirectory dir = LocalDirectory.open(Path.of(args[0]));
        Files.createDirectories(dir.spillDirectory());
        Files.write(dir.spillDirectory().resolve("0.spill"), new byte[1000]);
        System.out.println("DIR " + dir.path());
        System.out.flush();
        System.in.read(); // until killed (or the parent closes our stdin)
    }
}
