package dev.pillar.storage.application.port;

import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ByteRange;
import dev.pillar.storage.domain.object.CacheControl;
import dev.pillar.storage.domain.object.MimeType;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link ObjectStore} adapter promises; each adapter's test subclasses this and hands
 * over a fresh, empty store per test.
 */
public abstract class ObjectStoreContract {
    protected static final int MIB = 1024 * 1024;
    // No parameters: some S3 servers (S3Proxy's Jetty) lower-case a charset, which is no promise of the port.
    private static final BlobAttributes TEXT = new BlobAttributes(MimeType.of("text/csv"),
            CacheControl.of("max-age=60, public"));

    /** A fresh, empty store for the current test. */
    protected abstract ObjectStore store();

    /**
     * Whether the store keeps the blob of {@code a} version {@code v1} beside the blob of
     * {@code a/v1} (any version). Stores that map keys to a file tree (the filesystem adapter)
     * must; S3 servers that do so without care (MinIO, S3Proxy) cannot. Versions are fresh UUIDs,
     * so only a name built from another object's version can meet this.
     */
    protected boolean keepsABlobBesideAFolderOfTheSameName() {
        return true;
    }

    protected static BlobKey key(String name) {
        return key(name, "v1");
    }

    protected static BlobKey key(String name, String version) {
        return new BlobKey("proj", BucketId.of("b"), ObjectName.of(name), version);
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    protected static byte[] readAll(ObjectStore store, BlobKey key, Optional<ByteRange> range) {
        try (BlobContent content = store.read(key, range)) {
            byte[] bytes = content.stream().readAllBytes();
            assertEquals(content.length(), bytes.length, "the announced length matches the bytes");
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static byte[] readAll(ObjectStore store, BlobKey key) {
        return readAll(store, key, Optional.empty());
    }

    /** Yields {@code prefix}, then fails with {@code failure} instead of ending. */
    protected static InputStream failingAfter(byte[] prefix, Exception failure) {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                if (failure instanceof IOException io) {
                    throw io;
                }
                throw (RuntimeException) failure;
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(prefix), failing);
    }

    @Test
    void round_trips_a_multi_mebibyte_payload() {
        ObjectStore store = store();
        byte[] payload = randomBytes(5 * MIB + 123, 1);

        StoredBlob stored = store.write(key("x/y.bin"), new ByteArrayInputStream(payload));

        assertEquals(payload.length, stored.size());
        assertArrayEquals(sha256(payload), sha256(readAll(store, key("x/y.bin"))));
    }

    @ParameterizedTest(name = "bytes {0}-{1}")
    @CsvSource({"10, 19", "900, 999", "0, 999", "0, 0", "999, 999"})
    void reads_an_inclusive_range(long first, long last) {
        ObjectStore store = store();
        byte[] payload = randomBytes(1000, 2);
        store.write(key("r"), new ByteArrayInputStream(payload));

        byte[] part = readAll(store, key("r"), Optional.of(new ByteRange(first, last)));

        assertArrayEquals(Arrays.copyOfRange(payload, (int) first, (int) last + 1), part);
    }

    @Test
    void reads_a_large_range_in_the_middle() {
        ObjectStore store = store();
        byte[] payload = randomBytes(3 * MIB, 5);
        store.write(key("r"), new ByteArrayInputStream(payload));

        byte[] part = readAll(store, key("r"), Optional.of(new ByteRange(100_001, 2 * MIB + 7)));

        assertArrayEquals(sha256(Arrays.copyOfRange(payload, 100_001, 2 * MIB + 8)), sha256(part));
    }

    @Test
    void an_overwrite_replaces_the_whole_blob() {
        ObjectStore store = store();
        store.write(key("o"), new ByteArrayInputStream(randomBytes(2 * MIB, 6)));
        byte[] shorter = randomBytes(1000, 7);

        store.write(key("o"), new ByteArrayInputStream(shorter));

        assertArrayEquals(shorter, readAll(store, key("o")));
    }

    @Test
    void a_failed_overwrite_keeps_the_previous_blob() {
        ObjectStore store = store();
        byte[] original = randomBytes(MIB, 8);
        store.write(key("o"), new ByteArrayInputStream(original));

        assertThrows(IllegalStateException.class, () -> store.write(key("o"),
                failingAfter(randomBytes(2 * MIB, 9), new IllegalStateException("cut off"))));

        assertArrayEquals(original, readAll(store, key("o")));
    }

    @Test
    void a_write_whose_stream_throws_a_runtime_exception_leaves_nothing_and_rethrows_it_unchanged() {
        ObjectStore store = store();
        RuntimeException failure = new IllegalStateException("limit passed");

        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> store.write(key("f"), failingAfter(randomBytes(MIB, 10), failure)));

        assertSame(failure, thrown);
        assertThrows(BlobNotFound.class, () -> store.read(key("f"), Optional.empty()));
    }

    @Test
    void a_write_whose_stream_throws_an_io_exception_leaves_nothing_and_keeps_the_cause() {
        ObjectStore store = store();
        IOException failure = new IOException("client went away");

        RuntimeException thrown = assertThrows(UncheckedIOException.class,
                () -> store.write(key("f"), failingAfter(randomBytes(MIB, 11), failure)));

        assertTrue(causes(thrown).contains(failure), "the stream's IOException is in the cause chain");
        assertThrows(BlobNotFound.class, () -> store.read(key("f"), Optional.empty()));
    }

    @Test
    void a_stream_that_fails_after_several_mebibytes_leaves_nothing() {
        ObjectStore store = store();
        IOException failure = new IOException("client went away");

        assertThrows(UncheckedIOException.class,
                () -> store.write(key("late"), failingAfter(randomBytes(12 * MIB, 21), failure)));

        assertThrows(BlobNotFound.class, () -> store.head(key("late")));
    }

    @Test
    void head_reports_the_size_and_the_attributes_written() {
        ObjectStore store = store();
        store.write(key("h.txt"), TEXT, new ByteArrayInputStream(randomBytes(4321, 22)));

        BlobInfo info = store.head(key("h.txt"));

        assertEquals(new BlobInfo(4321, TEXT), info);
    }

    @Test
    void a_blob_written_without_attributes_is_described_by_the_defaults() {
        ObjectStore store = store();
        store.write(key("plain"), new ByteArrayInputStream(randomBytes(10, 23)));

        assertEquals(new BlobInfo(10, BlobAttributes.DEFAULT), store.head(key("plain")));
    }

    @Test
    void head_of_a_missing_blob_is_blob_not_found() {
        assertThrows(BlobNotFound.class, () -> store().head(key("never/written")));
    }

    @Test
    void stores_a_zero_byte_object() {
        ObjectStore store = store();

        assertEquals(0, store.write(key("empty"), InputStream.nullInputStream()).size());

        assertArrayEquals(new byte[0], readAll(store, key("empty")));
    }

    @Test
    void reading_a_missing_key_is_blob_not_found() {
        assertThrows(BlobNotFound.class, () -> store().read(key("never/written"), Optional.empty()));
    }

    @Test
    void delete_removes_the_blob_and_is_idempotent() {
        ObjectStore store = store();
        store.write(key("d/e"), new ByteArrayInputStream(randomBytes(100, 12)));

        store.delete(key("d/e"));

        assertThrows(BlobNotFound.class, () -> store.read(key("d/e"), Optional.empty()));
        assertThrows(BlobNotFound.class, () -> store.head(key("d/e")));
        assertDoesNotThrow(() -> store.delete(key("d/e")));
        assertDoesNotThrow(() -> store.delete(key("never/written")));
    }

    @Test
    void a_copy_outlives_changes_to_its_source() {
        ObjectStore store = store();
        byte[] payload = randomBytes(MIB + 1, 13);
        store.write(key("src"), new ByteArrayInputStream(payload));

        store.copy(key("src"), key("dst/copy"));
        store.write(key("src"), new ByteArrayInputStream(randomBytes(10, 14)));
        store.delete(key("src"));

        assertArrayEquals(payload, readAll(store, key("dst/copy")));
    }

    @Test
    void a_copy_replaces_the_target_and_leaves_the_source() {
        ObjectStore store = store();
        byte[] payload = randomBytes(1000, 15);
        store.write(key("src"), new ByteArrayInputStream(payload));
        store.write(key("dst"), new ByteArrayInputStream(randomBytes(5000, 16)));

        store.copy(key("src"), key("dst"));
        store.copy(key("src"), key("dst"));

        assertArrayEquals(payload, readAll(store, key("dst")));
        assertArrayEquals(payload, readAll(store, key("src")));
    }

    @Test
    void a_copy_keeps_the_attributes_and_both_keys_exist() {
        ObjectStore store = store();
        byte[] payload = randomBytes(3000, 24);
        store.write(key("src.txt"), TEXT, new ByteArrayInputStream(payload));

        store.copy(key("src.txt"), key("other/dst.txt"));

        assertEquals(new BlobInfo(3000, TEXT), store.head(key("src.txt")));
        assertEquals(new BlobInfo(3000, TEXT), store.head(key("other/dst.txt")));
        assertArrayEquals(payload, readAll(store, key("other/dst.txt")));
    }

    @Test
    void a_move_is_a_copy_then_a_delete_of_the_source() {
        ObjectStore store = store();
        byte[] payload = randomBytes(2 * MIB, 25);
        store.write(key("old/place"), TEXT, new ByteArrayInputStream(payload));

        store.copy(key("old/place"), key("new/place"));
        store.delete(key("old/place"));

        assertThrows(BlobNotFound.class, () -> store.head(key("old/place")));
        assertEquals(new BlobInfo(payload.length, TEXT), store.head(key("new/place")));
        assertArrayEquals(payload, readAll(store, key("new/place")));
    }

    @Test
    void a_stream_closed_early_leaves_the_blob_readable() throws IOException {
        ObjectStore store = store();
        byte[] payload = randomBytes(6 * MIB, 26);
        store.write(key("big"), new ByteArrayInputStream(payload));

        try (BlobContent content = store.read(key("big"), Optional.empty())) {
            assertEquals(payload.length, content.length());
            assertArrayEquals(Arrays.copyOf(payload, 10), content.stream().readNBytes(10));
        }

        assertArrayEquals(sha256(payload), sha256(readAll(store, key("big"))));
    }

    @Test
    void copying_a_missing_blob_is_blob_not_found() {
        assertThrows(BlobNotFound.class, () -> store().copy(key("missing"), key("dst")));
    }

    @Test
    void tricky_names_each_get_their_own_blob() {
        ObjectStore store = store();
        Map<BlobKey, byte[]> blobs = new LinkedHashMap<>();
        trickyKeys().forEach(key -> blobs.put(key, key.path().getBytes(StandardCharsets.UTF_8)));

        blobs.forEach((key, bytes) -> store.write(key, new ByteArrayInputStream(bytes)));

        blobs.forEach((key, bytes) -> assertArrayEquals(bytes, readAll(store, key), key.path()));
    }

    /** Names that stress an adapter's key mapping; every one is distinct from the others. */
    protected static List<BlobKey> trickyKeys() {
        List<String> names = List.of("folder/ünïcode name (1).png", "a/b/c", "a/b", "a%2Fb", "A", "%41", "a",
                "100% sure?#&.txt", "%2e%2e/%2E%2E", "a..b", "...", "..a/b..", ".hidden/.file", "~/tmp~",
                " spaced  name ", "emoji 😀/日本語/файл", "back\\slash", "plus+sign=eq",
                "é".repeat(512), "é".repeat(511) + "a", "é".repeat(511) + "b",
                "日".repeat(341), ("s".repeat(300) + "/").repeat(3) + "end",
                "x".repeat(1024));
        List<BlobKey> keys = new ArrayList<>(names.stream().map(ObjectStoreContract::key).toList());
        keys.add(key("a", "v2"));
        keys.add(new BlobKey("..", BucketId.of("..."), ObjectName.of("a"), ".."));
        keys.add(new BlobKey(".", BucketId.of("my bucket (1)"), ObjectName.of("a"), "."));
        keys.add(new BlobKey("proj", BucketId.of("b"), ObjectName.of("a"), "v1~blob"));
        return keys;
    }

    @Test
    void a_version_may_share_its_path_with_the_folder_of_another_name() {
        assumeTrue(keepsABlobBesideAFolderOfTheSameName(), "this store cannot hold a blob and a folder of one path");
        ObjectStore store = store();
        List<BlobKey> keys = List.of(key("a", "v1"), key("a/v1", "v2"), key("a/v1/v2", "v3"));

        keys.forEach(key -> store.write(key, new ByteArrayInputStream(key.path().getBytes(StandardCharsets.UTF_8))));

        keys.forEach(key -> assertArrayEquals(key.path().getBytes(StandardCharsets.UTF_8), readAll(store, key)));
    }

    @Test
    void concurrent_writes_to_one_key_leave_one_whole_blob() throws Exception {
        ObjectStore store = store();
        int writers = 8;
        int size = 256 * 1024;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<StoredBlob>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] payload = new byte[size];
                Arrays.fill(payload, (byte) i);
                done.add(pool.submit(() -> store.write(key("contended"), new ByteArrayInputStream(payload))));
            }
            for (Future<StoredBlob> future : done) {
                assertEquals(size, future.get().size());
            }
        }

        byte[] result = readAll(store, key("contended"));

        assertEquals(size, result.length);
        byte[] expected = new byte[size];
        Arrays.fill(expected, result[0]);
        assertArrayEquals(expected, result, "the bytes of one writer only");
    }

    @Test
    void lists_each_blob_of_the_project_with_its_key_size_and_change_time() {
        Instant before = Instant.now().minusSeconds(2);
        BlobKey plain = key("a.txt");
        BlobKey nested = key("folder/sub folder/ünïcode ✓.bin", "v2");
        store().write(plain, new ByteArrayInputStream(new byte[3]));
        store().write(nested, new ByteArrayInputStream(new byte[5]));
        store().write(new BlobKey("other", BucketId.of("b"), ObjectName.of("a.txt"), "v1"),
                new ByteArrayInputStream(new byte[7]));
        Instant after = Instant.now().plusSeconds(2);

        List<StoreEntry> listed = listed("proj");

        assertEquals(Map.of(plain, 3L, nested, 5L), listed.stream()
                .collect(Collectors.toMap(entry -> entry.key().orElseThrow(), StoreEntry::size)));
        assertTrue(listed.stream().allMatch(entry -> entry.kind() == StoreEntry.Kind.BLOB
                && entry.changedAt().isAfter(before) && entry.changedAt().isBefore(after)), listed.toString());
    }

    @Test
    void an_empty_store_and_a_failed_write_list_nothing() {
        assertEquals(List.of(), listed("proj"));

        assertThrows(UncheckedIOException.class,
                () -> store().write(key("cut.bin"), failingAfter(randomBytes(MIB, 9), new IOException("gone"))));

        assertEquals(List.of(), listed("proj"));
    }

    @Test
    void a_listed_blob_can_be_removed_and_removing_it_again_is_no_error() {
        store().write(key("doomed"), new ByteArrayInputStream(new byte[] {1}));
        store().write(key("kept"), new ByteArrayInputStream(new byte[] {2}));
        StoreEntry doomed = listed("proj").stream()
                .filter(entry -> entry.key().orElseThrow().equals(key("doomed"))).findFirst().orElseThrow();

        store().remove(doomed);
        store().remove(doomed);

        assertThrows(BlobNotFound.class, () -> store().head(key("doomed")));
        assertEquals(List.of(Optional.of(key("kept"))), listed("proj").stream().map(StoreEntry::key).toList());
    }

    @Test
    void a_blob_under_a_name_too_long_to_keep_as_is_is_listed_as_unidentified() {
        BlobKey longName = key("x".repeat(300) + "/end");
        store().write(longName, new ByteArrayInputStream(new byte[4]));

        List<StoreEntry> listed = listed("proj");

        assertEquals(1, listed.size(), listed.toString());
        assertEquals(StoreEntry.Kind.UNIDENTIFIED_BLOB, listed.getFirst().kind());
        assertEquals(4, listed.getFirst().size());
        store().remove(listed.getFirst());
        assertThrows(BlobNotFound.class, () -> store().head(longName));
    }

    @Test
    void is_healthy() {
        assertTrue(store().isHealthy());
    }

    protected List<StoreEntry> listed(String projectRef) {
        try (Stream<StoreEntry> entries = store().list(projectRef)) {
            return entries.toList();
        }
    }

    private static List<Throwable> causes(Throwable thrown) {
        return Stream.iterate(thrown, Objects::nonNull, Throwable::getCause).limit(20).toList();
    }

    protected static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
