package io.jdask.distributed.worker.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One worker's own directory under a shared local directory ({@code --local-directory}), held with
 * a lock file for the worker's lifetime: {@code <root>/worker-<id>/worker.lock}.
 *
 * <p>Opening one first removes the directories of dead workers: a {@code worker-*} directory whose
 * lock file nobody holds (its worker died without closing it; the operating system released its
 * lock). Directories held by live workers, in this process or another, are left alone, and so are
 * directories without a lock file (possibly being created right now). A new directory's lock file
 * is created and locked under a temporary name, then renamed: so another process cleaning up never
 * finds a live worker's lock file unlocked. {@link #close()} releases the lock and deletes the
 * directory with everything in it.
 *
 * <p>The worker puts its spill files in {@link #spillDirectory()}.
 */
public final class LocalDirectory implements AutoCloseable {
    /** Name of the lock file in each worker directory. */
    public static final String LOCK_FILE = "worker.lock";
    /** The lock file's name until it is locked. */
    static final String NEW_LOCK_FILE = LOCK_FILE + ".new";
    private static final String PREFIX = "worker-";
    /**
     * Directories locked by this process. They are skipped without opening their lock file: on
     * POSIX systems closing any descriptor of a file drops all of the process's locks on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path path;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final List<Path> removedStale;
    private boolean closed;

    private LocalDirectory(Path path, FileChannel lockChannel, FileLock lock, List<Path> removedStale) {
        this.path = path;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.removedStale = List.copyOf(removedStale);
    }

    /**
     * Removes dead workers' directories under {@code root}, then creates and locks a new one.
     *
     * @param root the shared local directory; created if missing
     * @return the worker's directory
     * @throws UncheckedIOException when the directory cannot be created or locked (the message names it)
     */
    public static LocalDirectory open(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local directory " + root + ": " + e.getMessage(), e);
        }
        List<Path> removed = removeStale(root);
        Path dir = root.resolve(PREFIX + UUID.randomUUID().toString().substring(0, 13));
        FileChannel ch = null;
        try {
            Files.createDirectory(dir);
            // locked before it takes the name cleaners look for: one that opened it unlocked
            // would take it for a dead worker's and remove the directory
            Path newLock = dir.resolve(NEW_LOCK_FILE);
            ch = FileChannel.open(newLock, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                throw new IOException("another process holds the lock of the new directory");
            }
            Files.move(newLock, dir.resolve(LOCK_FILE), StandardCopyOption.ATOMIC_MOVE);
            HELD.add(dir.toAbsolutePath().normalize());
            return new LocalDirectory(dir, ch, lock, removed);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // reported below
                }
            }
            throw new UncheckedIOException("cannot create and lock the worker directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param configured the local directory a worker was given, or null
     * @return that directory, or the one workers share when none is given: {@code <java.io.tmpdir>/jdask-worker-space}
     */
    public static Path root(Path configured) {
        return configured != null ? configured : Path.of(System.getProperty("java.io.tmpdir"), "jdask-worker-space");
    }

    /**
     * Removes the directories of workers that died without cleaning up (their lock is free).
     *
     * @param root a shared local directory
     * @return the dead workers' directories it removed
     */
    public static List<Path> removeStale(Path root) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path dir : dirs) {
                Path lockFile = dir.resolve(LOCK_FILE);
                if (HELD.contains(dir.toAbsolutePath().normalize()) || !Files.isDirectory(dir) || !Files.exists(lockFile)) {
                    continue;
                }
                try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.tryLock();
                    if (lock == null) {
                        continue; // a live worker in another process
                    }
                    try {
                        deleteTree(dir);
                        removed.add(dir);
                    } finally {
                        if (lock.isValid()) {
                            lock.release();
                        }
                    }
                } catch (OverlappingFileLockException | NoSuchFileException e) {
                    // held by a live worker of this process, or removed by another cleaner meanwhile
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean the local directory " + root + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** @return the worker's directory */
    public Path path() {
        return path;
    }

    /** @return {@code <directory>/spill}, for the data store's files (created by the store) */
    public Path spillDirectory() {
        return path.resolve("spill");
    }

    /** @return the dead workers' directories removed when this one was opened */
    public List<Path> removedStale() {
        return removedStale;
    }

    /** Releases the lock and deletes the directory with everything in it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            deleteTree(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the worker directory " + path + ": " + e.getMessage(), e);
        } finally {
            try {
                lock.release();
                lockChannel.close();
                HELD.remove(path.toAbsolutePath().normalize());
            } catch (IOException ignored) {
                // the lock goes with the channel or the process
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
