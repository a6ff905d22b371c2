package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirectoryTest {
    @TempDir
    Path root;

    @Test
    void aDeadWorkersDirectoryIsRemovedAndALiveOneKept() throws IOException {
        Path dead = root.resolve("worker-dead");
        Files.createDirectories(dead.resolve("spill"));
        Files.writeString(dead.resolve(LocalDirectory.LOCK_FILE), "");
        Files.write(dead.resolve("spill").resolve("0.spill"), new byte[100]);
        Path unlocked = root.resolve("worker-starting");   // no lock file yet: maybe being created
        Files.createDirectories(unlocked);
        Path locking = root.resolve("worker-locking");     // its lock file not yet locked and renamed
        Files.createDirectories(locking);
        Files.writeString(locking.resolve(LocalDirectory.NEW_LOCK_FILE), "");
        Path other = root.resolve("code-cache");
        Files.createDirectories(other);

        LocalDirectory live = LocalDirectory.open(root);
        try {
            assertThat(live.removedStale()).containsExactly(dead);
            assertThat(dead).doesNotExist();
            assertThat(unlocked).exists();
            assertThat(locking.resolve(LocalDirectory.NEW_LOCK_FILE)).exists();
            assertThat(live.path().resolve(LocalDirectory.LOCK_FILE)).exists();
            assertThat(live.path().resolve(LocalDirectory.NEW_LOCK_FILE)).doesNotExist();
            assertThat(other).exists();
            Files.createDirectories(live.spillDirectory());
            Files.write(live.spillDirectory().resolve("1.spill"), new byte[10]);

            try (LocalDirectory second = LocalDirectory.open(root)) {
                assertThat(second.removedStale()).isEmpty();
                assertThat(live.path()).exists();
                assertThat(second.path()).isNotEqualTo(live.path());
            }
        } finally {
            live.close();
        }
        assertThat(live.path()).doesNotExist();
        live.close(); // twice does nothing
    }

    @Test
    void spillFilesOfAStoreInsideItGoOnClose() throws IOException {
        LocalDirectory d = LocalDirectory.open(root);
        DataStore s = DataStore.builder(d.spillDirectory()).build();
        s.put(io.jdask.graph.Key.of("a"), new double[1000]);
        s.spill(1);
        assertThat(Files.list(d.spillDirectory()).count()).isEqualTo(1);
        s.close();
        assertThat(Files.list(d.spillDirectory()).count()).isZero();
        d.close();
        assertThat(d.path()).doesNotExist();
    }
}
