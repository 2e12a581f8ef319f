package dev.pillar.storage.application.fakes;

import dev.pillar.storage.application.port.BlobAttributes;
import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobInfo;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.BlobNotFound;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.application.port.StoredBlob;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ByteRange;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Test fake of the object store: blobs in a map. A write reads its stream to the end before storing
 * anything, so a stream that fails (or is cut off for being too large) leaves no blob behind.
 */
public final class InMemoryObjectStore implements ObjectStore {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, BlobAttributes> attributes = new ConcurrentHashMap<>();
    private final Map<String, StoreEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, Runnable> beforeNextRead = new ConcurrentHashMap<>();
    private final Map<String, Runnable> afterNextCopy = new ConcurrentHashMap<>();
    private volatile boolean healthy = true;
    private volatile boolean deletesFail;

    @Override
    public StoredBlob write(BlobKey key, BlobAttributes attributes, InputStream content) {
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
        this.attributes.put(key.path(), attributes);
        blobs.put(key.path(), bytes);
        entries.put(key.path(), entryOf(key, bytes.length));
        return new StoredBlob(bytes.length);
    }

    @Override
    public BlobContent read(BlobKey key, Optional<ByteRange> range) {
        runOnce(beforeNextRead, key);
        byte[] bytes = bytesOf(key);
        byte[] part = range.map(r -> Arrays.copyOfRange(bytes, (int) r.first(), (int) Math.min(r.last() + 1, bytes.length)))
                .orElse(bytes);
        return new BlobContent(new ByteArrayInputStream(part), part.length);
    }

    @Override
    public BlobInfo head(BlobKey key) {
        return new BlobInfo(bytesOf(key).length, attributes.getOrDefault(key.path(), BlobAttributes.DEFAULT));
    }

    @Override
    public void copy(BlobKey from, BlobKey to) {
        runOnce(beforeNextRead, from);
        byte[] bytes = bytesOf(from).clone();
        attributes.put(to.path(), attributes.getOrDefault(from.path(), BlobAttributes.DEFAULT));
        blobs.put(to.path(), bytes);
        entries.put(to.path(), entryOf(to, bytes.length));
        runOnce(afterNextCopy, from);
    }

    @Override
    public void delete(BlobKey key) {
        if (deletesFail) {
            throw new Unavailable(Unavailable.Service.OBJECT_STORE, "delete refused by the fake", null);
        }
        blobs.remove(key.path());
        attributes.remove(key.path());
        entries.remove(key.path());
    }

    @Override
    public Stream<StoreEntry> list(String projectRef) {
        return entries.values().stream()
                .filter(entry -> entry.kind() == StoreEntry.Kind.LEFTOVER || entry.kind() == StoreEntry.Kind.MULTIPART_UPLOAD
                        || entry.location().startsWith(projectRef + "/"))
                .toList().stream();
    }

    @Override
    public void remove(StoreEntry entry) {
        if (deletesFail) {
            throw new Unavailable(Unavailable.Service.OBJECT_STORE, "remove refused by the fake", null);
        }
        blobs.remove(entry.location());
        attributes.remove(entry.location());
        entries.remove(entry.location());
    }

    @Override
    public boolean isHealthy() {
        return healthy;
    }

    // Inspecting and steering the fake.

    public boolean contains(BlobKey key) {
        return blobs.containsKey(key.path());
    }

    /** The stored bytes, or empty when nothing is stored under the key. */
    public Optional<byte[]> bytesAt(BlobKey key) {
        return Optional.ofNullable(blobs.get(key.path())).map(byte[]::clone);
    }

    /** Every stored key path, sorted. */
    public Set<String> paths() {
        return new TreeSet<>(blobs.keySet());
    }

    /** Adds what no key names: a crashed write's leftover bytes, a multipart upload in progress. */
    public void leaveBehind(StoreEntry entry) {
        entries.put(entry.location(), entry);
    }

    public void setHealthy(boolean healthy) {
        this.healthy = healthy;
    }

    /** Makes every delete (and remove) fail, as an unreachable store would. */
    public void failDeletes() {
        deletesFail = true;
    }

    /** Runs {@code action} (a concurrent overwrite, say) once, just before the next read (or copy) of {@code key}. */
    public void beforeNextRead(BlobKey key, Runnable action) {
        beforeNextRead.put(key.path(), action);
    }

    /** Runs {@code action} once, just after the next copy from {@code key} has stored its bytes. */
    public void afterNextCopy(BlobKey key, Runnable action) {
        afterNextCopy.put(key.path(), action);
    }

    /** As the real stores do, a name segment too long for a file name is kept under a digest no listing reads back. */
    private static StoreEntry entryOf(BlobKey key, long size) {
        boolean tooLong = key.name().segments().stream().anyMatch(segment -> segment.length() > 255);
        return tooLong ? StoreEntry.unidentified(key.path(), size, Instant.now())
                : StoreEntry.blob(key, key.path(), size, Instant.now());
    }

    private static void runOnce(Map<String, Runnable> hooks, BlobKey key) {
        Runnable action = hooks.remove(key.path());
        if (action != null) {
            action.run();
        }
    }

    private byte[] bytesOf(BlobKey key) {
        byte[] bytes = blobs.get(key.path());
        if (bytes == null) {
            throw new BlobNotFound(key);
        }
        return bytes;
    }
}
