package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobInfo;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.MultipartStore;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.application.port.UploadedPart;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ByteRange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Object store on a local directory: one file per blob, written to a staging file and renamed into
 * place, its attributes in extended attributes. Multipart uploads keep their parts under
 * {@code .uploads} until they are joined.
 */
public final class FilesystemObjectStore implements ObjectStore, MultipartStore {
    private static final int BUFFER_BYTES = 128 * 1024;
    private static final Duration STALE_STAGING_AGE = Duration.ofHours(1);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(FilesystemObjectStore.class.getName());
    private final KeyLayout layout;
    private final StagingArea staging;
    private final ExtendedAttributes attributes;
    private final PartFiles parts;
    private final HealthProbe health;

    /**
     * Opens the store at {@code root}, creating the directory if missing and removing staging files
     * left over by a crash (older than an hour).
     */
    public FilesystemObjectStore(Path root) {
        this(root, new DirectorySync(DirectorySync.FORCE));
    }

    /** As {@link #FilesystemObjectStore(Path)}, syncing directories through {@code syncs} (tests watch them). */
    FilesystemObjectStore(Path root, DirectorySync syncs) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
            this.staging = StagingArea.under(absolute, syncs);
            staging.sweepOlderThan(STALE_STAGING_AGE);
            this.attributes = ExtendedAttributes.on(absolute);
            this.parts = new PartFiles(absolute, staging, attributes);
        } catch (IOException e) {
            throw unavailable("cannot prepare the store directory " + absolute, e);
        }
        this.layout = new KeyLayout(absolute);
        this.health = new HealthProbe(absolute, staging.directory(), HEALTH_TIMEOUT);
    }

    @Override
    public StoredBlob write(BlobKey key, BlobAttributes blobAttributes, InputStream content) {
        return publishStaged(key, "cannot write blob ", temp -> {
            long size;
            try (FileChannel out = staging.create(temp)) {
                size = drain(content, out);
                out.force(true);
            }
            attributes.write(temp, blobAttributes);
            return new StoredBlob(size);
        });
    }

    @Override
    public BlobContent read(BlobKey key, Optional<ByteRange> range) {
        FileChannel channel;
        try {
            channel = FileChannel.open(layout.pathOf(key), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new BlobNotFound(key);
        } catch (IOException e) {
            throw unavailable("cannot open blob " + key.path(), e);
        }
        try {
            long size = channel.size();
            long first = range.map(ByteRange::first).orElse(0L);
            // Ranges come resolved against the recorded size; clamp anyway, never read past the end.
            long end = Math.min(range.map(ByteRange::last).orElse(size - 1), size - 1);
            long length = Math.max(0, end - first + 1);
            return new BlobContent(new RangeInputStream(channel, first, length), length);
        } catch (IOException e) {
            closeAfterFailure(channel, e);
            throw unavailable("cannot read blob " + key.path(), e);
        }
    }

    @Override
    public BlobInfo head(BlobKey key) {
        Path path = layout.pathOf(key);
        try {
            BlobAttributes blobAttributes = attributes.read(path);
            return new BlobInfo(Files.size(path), blobAttributes);
        } catch (NoSuchFileException e) {
            throw new BlobNotFound(key);
        } catch (IOException e) {
            throw unavailable("cannot inspect blob " + key.path(), e);
        }
    }

    /**
     * Hard-links the source into staging and renames the link into place, falling back to a byte
     * copy where links are not possible. Sharing the file is safe: blobs are never changed in place
     * (a write renames a new file over the name) and a delete removes only its own name.
     */
    @Override
    public void copy(BlobKey from, BlobKey to) {
        Path source = layout.pathOf(from);
        Path target = layout.pathOf(to);
        Path temp = staging.newPath();
        try {
            stageCopy(from, source, temp);
            staging.publish(temp, target);
        } catch (IOException e) {
            staging.discard(temp, e);
            throw unavailable("cannot copy blob " + from.path() + " to " + to.path(), e);
        } catch (RuntimeException | Error e) {
            staging.discard(temp, e);
            throw e;
        }
        // When target already was a link to the same file, rename(2) succeeds and leaves temp behind.
        staging.discardQuietly(temp);
    }

    @Override
    public void delete(BlobKey key) {
        Path target = layout.pathOf(key);
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw unavailable("cannot delete blob " + key.path(), e);
        }
        removeEmptyParents(target);
    }

    /**
     * Blobs under the project's directory, and the staging files and multipart uploads (shared by every project
     * on the root).
     */
    @Override
    public Stream<StoreEntry> list(String projectRef) {
        return StoreListing.of(layout, staging.directory(), layout.root().resolve(PartFiles.DIRECTORY),
                layout.root().resolve(SegmentEncoding.encode(projectRef)));
    }

    @Override
    public void remove(StoreEntry entry) {
        if (entry.kind() == StoreEntry.Kind.MULTIPART_UPLOAD) {
            try {
                parts.remove(entry.uploadId().orElseThrow());
            } catch (IOException e) {
                throw unavailable("cannot remove the upload " + entry.location(), e);
            }
            return;
        }
        Path target = layout.root().resolve(entry.location()).normalize();
        if (!target.startsWith(layout.root()) || target.equals(layout.root())) {
            throw new IllegalArgumentException("location " + entry.location() + " is outside the store root");
        }
        try {
            Files.deleteIfExists(target);
        } catch (IOException e) {
            throw unavailable("cannot remove " + entry.location(), e);
        }
        if (!target.getParent().equals(staging.directory())) {
            removeEmptyParents(target);
        }
    }

    @Override
    public boolean isHealthy() {
        return health.isHealthy();
    }

    @Override
    public String begin(BlobKey key, BlobAttributes blobAttributes) {
        try {
            return parts.begin(blobAttributes);
        } catch (IOException e) {
            throw unavailable("cannot start a multipart upload to " + key.path(), e);
        }
    }

    @Override
    public UploadedPart putPart(BlobKey key, String uploadId, int number, InputStream content, long length) {
        try {
            return parts.put(uploadId, number, content, length);
        } catch (IOException e) {
            throw unavailable("cannot store part " + number + " of an upload to " + key.path(), e);
        }
    }

    @Override
    public List<UploadedPart> listParts(BlobKey key, String uploadId) {
        try {
            return parts.list(uploadId);
        } catch (IOException e) {
            throw unavailable("cannot list the parts of an upload to " + key.path(), e);
        }
    }

    @Override
    public StoredBlob complete(BlobKey key, String uploadId, List<UploadedPart> uploaded) {
        StoredBlob stored = publishStaged(key, "cannot complete an upload to ",
                temp -> parts.join(uploadId, uploaded, temp));
        try {
            parts.remove(uploadId);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "event=upload_parts_kept upload_id={0} cause={1}", uploadId, e.toString());
        }
        return stored;
    }

    @Override
    public void abort(BlobKey key, String uploadId) {
        try {
            parts.remove(uploadId);
        } catch (IOException e) {
            throw unavailable("cannot remove an upload to " + key.path(), e);
        }
    }

    /** Fills a new staging file, whole and synced, on behalf of {@link #publishStaged}. */
    @FunctionalInterface
    private interface StagedBlob {
        StoredBlob fill(Path temp) throws IOException;
    }

    /**
     * Has {@code blob} fill a new staging file, then renames it over the key's path. On any failure
     * the staging file goes, and a failure of the disk is {@code Unavailable}.
     */
    private StoredBlob publishStaged(BlobKey key, String failure, StagedBlob blob) {
        Path target = layout.pathOf(key);
        Path temp = staging.newPath();
        try {
            StoredBlob stored = blob.fill(temp);
            staging.publish(temp, target);
            return stored;
        } catch (IOException e) {
            staging.discard(temp, e);
            throw unavailable(failure + key.path(), e);
        } catch (RuntimeException | Error e) {
            staging.discard(temp, e);
            throw e;
        }
    }

    /**
     * Copies the upload into the staging file. A failing read is the client's (it went away) and
     * surfaces as {@link UncheckedIOException}; a failing write is ours and surfaces as
     * {@code Unavailable}. Runtime exceptions of the stream (a size limit) pass through unchanged.
     */
    private static long drain(InputStream content, FileChannel out) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        ByteBuffer chunk = ByteBuffer.wrap(buffer);
        long total = 0;
        while (true) {
            int n;
            try {
                n = content.read(buffer);
            } catch (IOException e) {
                throw new UncheckedIOException("reading the upload failed", e);
            }
            if (n < 0) {
                return total;
            }
            chunk.clear().limit(n);
            while (chunk.hasRemaining()) {
                out.write(chunk);
            }
            total += n;
        }
    }

    private void stageCopy(BlobKey from, Path source, Path temp) throws IOException {
        try {
            Files.createLink(temp, source);
            return;
        } catch (FileSystemException | UnsupportedOperationException linkRefused) {
            if (!Files.exists(source)) {
                throw new BlobNotFound(from);
            }
            // No hard links here (another filesystem type, link limit reached): copy the bytes.
        }
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = staging.create(temp)) {
            long size = in.size();
            for (long done = 0; done < size; ) {
                done += in.transferTo(done, size - done, out);
            }
            out.force(true);
            attributes.copy(source, temp);
        } catch (NoSuchFileException e) {
            if (!Files.exists(source)) {
                throw new BlobNotFound(from);
            }
            throw e;
        }
    }

    /** Prunes directories the delete left empty, up to the root; a concurrent write may refill one first. */
    private void removeEmptyParents(Path target) {
        for (Path dir = target.getParent(); !dir.equals(layout.root()); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (NoSuchFileException alreadyGone) {
                // Another delete got there first; its parent may be empty now too.
            } catch (DirectoryNotEmptyException inUse) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "event=empty_directory_kept path={0} cause={1}", dir, e.toString());
                return;
            }
        }
    }

    private static void closeAfterFailure(FileChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static Unavailable unavailable(String message, IOException cause) {
        return new Unavailable(Unavailable.Service.OBJECT_STORE, message, cause);
    }
}
