package dev.pillar.storage.adapters.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code .tmp} directory under the root, where blobs are written before they are renamed into
 * place. Being on the same filesystem as the blobs makes the rename atomic: readers see the old
 * blob or the new one, never a part.
 */
final class StagingArea {
    static final String DIRECTORY = ".tmp";
    /** A delete may remove a parent directory between our mkdir and our rename; we try again. */
    private static final int PUBLISH_ATTEMPTS = 10;
    private static final System.Logger LOG = System.getLogger(StagingArea.class.getName());
    private final Path directory;
    private final DirectoryTree tree;

    private StagingArea(Path directory, DirectoryTree tree) {
        this.directory = directory;
        this.tree = tree;
    }

    static StagingArea under(Path root, DirectorySync syncs) throws IOException {
        Path directory = root.resolve(DIRECTORY);
        Files.createDirectories(directory);
        return new StagingArea(directory, new DirectoryTree(root, syncs));
    }

    Path directory() {
        return directory;
    }

    /** A fresh name in the staging directory; nothing exists there yet. */
    Path newPath() {
        return directory.resolve(UUID.randomUUID() + ".part");
    }

    /** Creates a new empty staging file for writing; created by us, so the umask decides its mode. */
    FileChannel create(Path temp) throws IOException {
        return FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * Renames a complete, synced staging file over {@code target}, creating (and re-creating) its parents, and
     * returns once the rename is durable (see {@link DirectoryTree#settle}).
     */
    void publish(Path temp, Path target) throws IOException {
        Path parent = target.getParent();
        List<Path> created = new ArrayList<>();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    tree.create(parent, created);
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    break;
                } catch (NoSuchFileException | FileAlreadyExistsException raced) {
                    // FileAlreadyExists: we saw the directory, then a delete removed it.
                    if (attempt == PUBLISH_ATTEMPTS || !Files.exists(temp)) {
                        throw raced;
                    }
                }
            }
            tree.settle(parent);
        } finally {
            tree.release(created);
        }
    }

    /** Removes a staging file after a failure, without hiding that failure. */
    void discard(Path temp, Throwable failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Removes a staging file that is only left over in odd cases; the next startup sweeps it otherwise. */
    void discardQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=staging_file_kept path={0} cause={1}", temp, e.toString());
        }
    }

    /** Deletes staging files older than {@code maxAge}: leftovers of a crash, no live write is that slow. */
    void sweepOlderThan(Duration maxAge) throws IOException {
        Instant cutoff = Instant.now().minus(maxAge);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                        && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOG.log(System.Logger.Level.INFO, "event=stale_staging_files_removed count={0}", removed);
        }
    }
}
