package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.domain.failure.Unavailable;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy depth-first walk over the staging directory, the multipart uploads and one project's tree, one open
 * directory per level,
 * so memory stays flat however many blobs there are. Directories and files that a concurrent delete removes
 * while the walk passes are skipped, not failures: a live server keeps pruning empty directories.
 */
final class StoreListing implements Iterator<StoreEntry> {
    private final KeyLayout layout;
    private final Path staging;
    private final Path uploads;
    private final Deque<Level> open = new ArrayDeque<>();
    private StoreEntry next;

    private StoreListing(KeyLayout layout, Path staging, Path uploads) {
        this.layout = layout;
        this.staging = staging;
        this.uploads = uploads;
    }

    /**
     * Everything under {@code staging} (leftovers), each upload's directory under {@code uploads} and the blobs
     * under {@code project}, as a stream to close.
     */
    static Stream<StoreEntry> of(KeyLayout layout, Path staging, Path uploads, Path project) {
        StoreListing listing = new StoreListing(layout, staging, uploads);
        listing.descend(project);
        listing.descend(uploads);
        listing.descend(staging);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing, Spliterator.NONNULL), false)
                .onClose(listing::close);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !open.isEmpty()) {
            Level level = open.peek();
            Path path;
            try {
                if (!level.entries().hasNext()) {
                    closeTop();
                    continue;
                }
                path = level.entries().next();
            } catch (DirectoryIteratorException e) {
                throw unavailable(level.directory(), e.getCause());
            }
            visit(path);
        }
        return next != null;
    }

    @Override
    public StoreEntry next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        StoreEntry entry = next;
        next = null;
        return entry;
    }

    private void visit(Path path) {
        BasicFileAttributes attributes;
        Instant changedAt;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
            changedAt = changedAt(path, attributes);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            throw unavailable(path, e);
        }
        if (attributes.isDirectory() && path.getParent().equals(uploads)) {
            next = upload(path, changedAt);
            return;
        }
        if (attributes.isDirectory()) {
            if (!path.getParent().equals(staging)) {
                descend(path);
            }
            return;
        }
        if (!attributes.isRegularFile()) {
            return;
        }
        String location = layout.root().relativize(path).toString();
        if (path.getParent().equals(staging)) {
            next = StoreEntry.leftover(location, attributes.size(), changedAt);
        } else {
            next = layout.keyAt(path)
                    .map(key -> StoreEntry.blob(key, location, attributes.size(), changedAt))
                    .orElseGet(() -> StoreEntry.unidentified(location, attributes.size(), changedAt));
        }
    }

    /** A multipart upload's directory: its parts' total size, changed when its latest part arrived. */
    private StoreEntry upload(Path directory, Instant directoryChanged) {
        long size = 0;
        Instant changed = directoryChanged;
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory)) {
            for (Path part : parts) {
                BasicFileAttributes attributes = Files.readAttributes(part, BasicFileAttributes.class);
                size += attributes.size();
                Instant partChanged = changedAt(part, attributes);
                changed = partChanged.isAfter(changed) ? partChanged : changed;
            }
        } catch (NoSuchFileException gone) {
            // Completed or aborted while we looked: what was read so far describes it well enough.
        } catch (IOException e) {
            throw unavailable(directory, e);
        } catch (DirectoryIteratorException e) {
            throw unavailable(directory, e.getCause());
        }
        return StoreEntry.multipartUpload(directory.getFileName().toString(), layout.root().relativize(directory)
                .toString(), size, changed);
    }

    /**
     * The later of the last write and the last status change: a copy links an old file into place, which
     * leaves its modification time as it was but sets its change time to now.
     */
    private static Instant changedAt(Path path, BasicFileAttributes attributes) throws IOException {
        FileTime modified = attributes.lastModifiedTime();
        try {
            FileTime changed = (FileTime) Files.getAttribute(path, "unix:ctime");
            return (changed.compareTo(modified) > 0 ? changed : modified).toInstant();
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            return modified.toInstant();
        }
    }

    private void descend(Path directory) {
        try {
            DirectoryStream<Path> entries = Files.newDirectoryStream(directory);
            open.push(new Level(directory, entries, entries.iterator()));
        } catch (NoSuchFileException gone) {
            // Pruned by a delete since its parent was read, or never made: nothing in it.
        } catch (IOException e) {
            throw unavailable(directory, e);
        }
    }

    private void closeTop() {
        Level level = open.pop();
        try {
            level.stream().close();
        } catch (IOException e) {
            throw unavailable(level.directory(), e);
        }
    }

    private void close() {
        while (!open.isEmpty()) {
            try {
                open.pop().stream().close();
            } catch (IOException ignored) {
                // Closing a directory handle only frees it; the listing is over either way.
            }
        }
    }

    private static Unavailable unavailable(Path path, IOException cause) {
        return new Unavailable(Unavailable.Service.OBJECT_STORE, "cannot list " + path, cause);
    }

    private record Level(Path directory, DirectoryStream<Path> stream, Iterator<Path> entries) {
    }
}
