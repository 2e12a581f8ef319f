package dev.pillar.storage.adapters.filesystem;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The directories under the root that blobs are renamed into: creates the missing ones and makes an entry renamed
 * into one durable all the way up. A directory's own entry in its parent is new when the directory is, so it
 * needs its parent synced too; until that sync is done the directory counts as unsettled, and every writer that
 * renamed into it (or below it) meanwhile syncs that parent as well, not only the one that created it.
 */
final class DirectoryTree {
    private final Path root;
    private final DirectorySync syncs;
    /** Directories being created or not yet synced into their parent, with how many writers hold each. */
    private final Map<Path, Integer> unsettled = new ConcurrentHashMap<>();

    DirectoryTree(Path root, DirectorySync syncs) {
        this.root = root;
        this.syncs = syncs;
    }

    /**
     * {@link Files#createDirectories}, adding each directory it made to {@code created} (outermost first); each
     * stays unsettled until {@link #release}.
     */
    void create(Path directory, List<Path> created) throws IOException {
        try {
            createOne(directory, created);
        } catch (NoSuchFileException missingParent) {
            Path parent = directory.getParent();
            if (parent == null) {
                throw missingParent;
            }
            create(parent, created);
            createOne(directory, created);
        }
    }

    /** Returns once an entry just renamed into {@code directory} is durable, with every unsettled directory above. */
    void settle(Path directory) throws IOException {
        syncs.sync(directory);
        for (Path level = directory; level.startsWith(root) && !level.equals(root); level = level.getParent()) {
            if (unsettled.containsKey(level)) {
                syncs.sync(level.getParent());
            }
        }
    }

    /** Ends the hold on directories {@link #create} made, once they are settled or the write failed. */
    void release(List<Path> created) {
        created.forEach(this::release);
    }

    /** Marks the directory unsettled before making it, so that no writer can see it made but not marked. */
    private void createOne(Path directory, List<Path> created) throws IOException {
        unsettled.merge(directory, 1, Integer::sum);
        boolean made = false;
        try {
            Files.createDirectory(directory);
            made = true;
            created.add(directory);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        } finally {
            if (!made) {
                release(directory);
            }
        }
    }

    private void release(Path directory) {
        unsettled.computeIfPresent(directory, (unused, holders) -> holders == 1 ? null : holders - 1);
    }
}
