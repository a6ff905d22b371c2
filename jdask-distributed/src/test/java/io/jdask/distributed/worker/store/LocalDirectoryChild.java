package io.jdask.distributed.worker.store;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stand-in worker process for {@link LocalDirectoryProcessTest}: opens its directory under the
 * root given as argument, spills a file into it, prints the directory, and waits to be killed.
 */
public final class LocalDirectoryChild {
    private LocalDirectoryChild() {}

    public static void main(String[] args) throws Exception {
        LocalDirectory dir = LocalDirectory.open(Path.of(args[0]));
        Files.createDirectories(dir.spillDirectory());
        Files.write(dir.spillDirectory().resolve("0.spill"), new byte[1000]);
        System.out.println("DIR " + dir.path());
        System.out.flush();
        System.in.read(); // until killed (or the parent closes our stdin)
    }
}
