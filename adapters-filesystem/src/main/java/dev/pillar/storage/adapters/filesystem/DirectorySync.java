package dev.pillar.storage.adapters.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit of directory syncs: makes the entries renamed into a directory durable, one sync for every caller
 * that arrived while the previous sync of that directory was running. A caller returns only after a sync that
 * started after it called (so after its rename) has finished; the first caller to find no sync running runs the
 * next one for everyone waiting. One sync per directory runs at a time, callers wait on a {@link Condition}
 * (virtual threads unmount), and a directory's state is dropped as soon as nobody waits on it.
 */
final class DirectorySync {
    private static final System.Logger LOG = System.getLogger(DirectorySync.class.getName());

    /** Makes a directory's entries durable. */
    @FunctionalInterface
    interface Syncer {
        void sync(Path directory) throws IOException;
    }

    /**
     * {@code fsync} of the directory. A directory that cannot be opened (a platform that does not open
     * directories, a directory a concurrent delete just removed along with our entry) is skipped; a sync that
     * fails is the disk's failure and is thrown.
     */
    static final Syncer FORCE = directory -> {
        FileChannel channel;
        try {
            channel = FileChannel.open(directory, StandardOpenOption.READ);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=directory_sync_skipped path={0} cause={1}", directory, e.toString());
            return;
        }
        try (channel) {
            channel.force(true);
        }
    };
    private final Syncer syncer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Path, Directory> directories = new HashMap<>();

    DirectorySync(Syncer syncer) {
        this.syncer = syncer;
    }

    /** Returns once a sync of {@code directory} that started after this call began has finished. */
    void sync(Path directory) throws IOException {
        lock.lock();
        try {
            Directory state = directories.computeIfAbsent(directory, unused -> new Directory(lock.newCondition()));
            state.callers++;
            try {
                long needed = state.started + 1;
                while (state.finished < needed) {
                    if (state.running) {
                        // Bounded: at most the running sync and the next one.
                        state.done.awaitUninterruptibly();
                    } else {
                        runOne(directory, state);
                    }
                }
                if (state.failure != null) {
                    throw new IOException("cannot sync the directory " + directory, state.failure);
                }
            } finally {
                if (--state.callers == 0) {
                    directories.remove(directory);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many callers wait for (or run) a sync of {@code directory}. */
    int callers(Path directory) {
        lock.lock();
        try {
            Directory state = directories.get(directory);
            return state == null ? 0 : state.callers;
        } finally {
            lock.unlock();
        }
    }

    /** How many directories have callers; none once every caller returned. */
    int directoriesInUse() {
        lock.lock();
        try {
            return directories.size();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the next sync of {@code directory} for every caller waiting on it; called and returns holding the lock. */
    private void runOne(Path directory, Directory state) {
        state.running = true;
        long number = ++state.started;
        Throwable failure = null;
        lock.unlock();
        try {
            syncer.sync(directory);
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            lock.lock();
            state.running = false;
            state.finished = number;
            state.failure = failure;
            state.done.signalAll();
        }
    }

    /** One directory's syncs: numbered as they start; the outcome is the last finished one's. */
    private static final class Directory {
        final Condition done;
        long started;
        long finished;
        boolean running;
        int callers;
        Throwable failure;

        Directory(Condition done) {
            this.done = done;
        }
    }
}
