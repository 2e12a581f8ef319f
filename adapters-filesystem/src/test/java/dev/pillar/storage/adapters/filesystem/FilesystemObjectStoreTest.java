package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.application.port.ObjectStore;
import dev.pillar.storage.application.port.ObjectStoreContract;
import dev.pillar.storage.application.port.StoreEntry;
import dev.pillar.storage.domain.failure.TooLarge;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ByteRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesystemObjectStoreTest extends ObjectStoreContract {
    @TempDir
    Path base;
    private Path root;
    private FilesystemObjectStore store;

    @BeforeEach
    void open() {
        root = base.resolve("store");
        store = new FilesystemObjectStore(root);
    }

    @Override
    protected ObjectStore store() {
        return store;
    }

    @Test
    void a_staging_file_left_by_a_crashed_write_is_listed_as_a_leftover_and_can_be_removed() throws IOException {
        Path leftover = root.resolve(StagingArea.DIRECTORY).resolve("crashed.part");
        Files.write(leftover, new byte[42]);
        store.write(key("kept"), new ByteArrayInputStream(new byte[] {1}));

        List<StoreEntry> listed = listed("proj");
        StoreEntry staged = listed.stream().filter(entry -> entry.kind() == StoreEntry.Kind.LEFTOVER).findFirst()
                .orElseThrow();

        assertEquals(2, listed.size(), listed.toString());
        assertEquals(42, staged.size());
        store.remove(staged);
        assertFalse(Files.exists(leftover));
        assertEquals(List.of(Optional.of(key("kept"))), listed("proj").stream().map(StoreEntry::key).toList());
    }

    @Test
    void a_copy_of_an_old_blob_is_listed_as_changed_when_it_was_copied() throws IOException {
        store.write(key("old"), new ByteArrayInputStream(new byte[] {1}));
        Path source = new KeyLayout(root.toAbsolutePath().normalize()).pathOf(key("old"));
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Instant beforeCopy = Instant.now().minusSeconds(2);

        store.copy(key("old"), key("new"));

        StoreEntry copy = listed("proj").stream().filter(entry -> entry.key().orElseThrow().equals(key("new")))
                .findFirst().orElseThrow();
        assertTrue(copy.changedAt().isAfter(beforeCopy), "linked into place just now: " + copy.changedAt());
    }

    @Test
    void a_file_in_the_tree_that_no_key_maps_to_is_listed_as_unidentified() throws IOException {
        Path stray = root.resolve("proj").resolve("b").resolve("stray.txt");
        Files.createDirectories(stray.getParent());
        Files.write(stray, new byte[3]);

        List<StoreEntry> listed = listed("proj");

        assertEquals(1, listed.size());
        assertEquals(StoreEntry.Kind.UNIDENTIFIED_BLOB, listed.getFirst().kind());
        assertEquals("proj/b/stray.txt", listed.getFirst().location());
    }

    @Test
    void no_key_leads_outside_the_root_or_into_the_staging_directory() throws IOException {
        trickyKeys().forEach(key -> store.write(key, new ByteArrayInputStream(new byte[] {1})));

        try (Stream<Path> everything = Files.walk(base)) {
            List<Path> outside = everything.filter(path -> !path.equals(base) && !path.startsWith(root)).toList();
            assertEquals(List.of(), outside);
        }
        try (Stream<Path> stored = Files.walk(root)) {
            stored.filter(path -> !path.equals(root)).map(root::relativize).forEach(relative -> {
                assertFalse(relative.startsWith(StagingArea.DIRECTORY) && relative.getNameCount() > 1,
                        "nothing left in staging: " + relative);
                for (Path name : relative) {
                    String text = name.toString();
                    assertTrue(text.equals(StagingArea.DIRECTORY) || text.matches("[A-Za-z0-9_%+~-][A-Za-z0-9._%+~-]*"),
                            "a safe, visible name: " + text);
                    assertTrue(text.length() <= 255, "within NAME_MAX: " + text);
                }
            });
        }
    }

    @Test
    void blob_paths_stay_readable() {
        store.write(key("folder/ünïcode name (1).png"), InputStream.nullInputStream());

        assertTrue(Files.isRegularFile(root.resolve("proj/b/folder/%C3%BCn%C3%AFcode%20name%20%281%29.png/v1~blob")));
    }

    @Test
    void failed_writes_leave_the_staging_directory_empty() throws IOException {
        TooLarge tooLarge = new TooLarge();
        IOException clientGone = new IOException("client went away");

        assertSame(tooLarge, assertThrows(TooLarge.class,
                () -> store.write(key("big"), failingAfter(randomBytes(300_000, 1), tooLarge))));
        UncheckedIOException readFailure = assertThrows(UncheckedIOException.class,
                () -> store.write(key("gone"), failingAfter(randomBytes(300_000, 2), clientGone)));

        assertSame(clientGone, readFailure.getCause());
        assertStagingEmpty();
        assertFalse(Files.exists(root.resolve("proj")), "no directories made for failed writes");
    }

    @Test
    void a_disk_failure_is_unavailable_and_leaves_no_staging_file() throws IOException {
        Files.createDirectories(root.resolve("proj/b"));
        Files.writeString(root.resolve("proj/b/blocked"), "a file where a directory must go");

        Unavailable failure = assertThrows(Unavailable.class,
                () -> store.write(key("blocked/x"), new ByteArrayInputStream(randomBytes(1000, 3))));

        assertEquals(Unavailable.Service.OBJECT_STORE, failure.service());
        assertStagingEmpty();
    }

    @Test
    void an_open_stream_keeps_the_old_bytes_when_the_blob_is_deleted() throws IOException {
        byte[] payload = randomBytes(1024 * 1024, 4);
        store.write(key("held"), new ByteArrayInputStream(payload));

        try (BlobContent content = store.read(key("held"), Optional.empty())) {
            byte[] head = content.stream().readNBytes(1000);
            store.delete(key("held"));
            byte[] tail = content.stream().readAllBytes();

            assertArrayEquals(payload, concat(head, tail));
        }
    }

    @Test
    void an_open_stream_keeps_the_old_bytes_when_the_blob_is_replaced() throws IOException {
        byte[] payload = randomBytes(1024 * 1024, 5);
        store.write(key("held"), new ByteArrayInputStream(payload));
        store.write(key("other"), new ByteArrayInputStream(randomBytes(10, 6)));

        try (BlobContent content = store.read(key("held"), Optional.of(new ByteRange(10, payload.length - 1)))) {
            byte[] head = content.stream().readNBytes(1000);
            store.write(key("held"), new ByteArrayInputStream(randomBytes(2048, 7)));
            store.copy(key("other"), key("held"));
            byte[] tail = content.stream().readAllBytes();

            assertArrayEquals(Arrays.copyOfRange(payload, 10, payload.length), concat(head, tail));
        }
    }

    @Test
    void a_range_past_the_end_is_cut_at_the_end() {
        store.write(key("short"), new ByteArrayInputStream("0123456789".getBytes(StandardCharsets.US_ASCII)));

        assertArrayEquals("56789".getBytes(StandardCharsets.US_ASCII),
                readAll(store, key("short"), Optional.of(new ByteRange(5, 1000))));
    }

    @Test
    void delete_removes_the_directories_it_left_empty() throws IOException {
        store.write(key("a/b/c.txt"), InputStream.nullInputStream());
        store.write(key("a/d.txt"), InputStream.nullInputStream());

        store.delete(key("a/b/c.txt"));

        assertFalse(Files.exists(root.resolve("proj/b/a/b")));
        assertTrue(Files.isDirectory(root.resolve("proj/b/a/d.txt")));

        store.delete(key("a/d.txt"));

        try (Stream<Path> left = Files.list(root)) {
            assertEquals(List.of(root.resolve(StagingArea.DIRECTORY)), left.toList());
        }
    }

    @Test
    void writes_survive_deletes_that_empty_their_directories() throws Exception {
        int workers = 6;
        try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                BlobKey key = key("shared/deep/dir/worker-" + w);
                byte[] payload = randomBytes(100, w);
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        store.write(key, new ByteArrayInputStream(payload));
                        assertArrayEquals(payload, readAll(store, key));
                        store.delete(key);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        assertStagingEmpty();
    }

    @Test
    void refuses_a_key_that_is_not_valid_unicode() {
        // Lossy UTF-8 would map a lone surrogate to '?', and two keys to one file.
        BlobKey loneSurrogate = key("a", "v" + '\uD800');

        assertThrows(IllegalArgumentException.class, () -> store.write(loneSurrogate, InputStream.nullInputStream()));
    }

    @Test
    void is_unhealthy_once_the_root_is_gone() throws IOException {
        deleteRecursively(root);

        assertFalse(store.isHealthy());
    }

    @Test
    void is_unhealthy_when_the_root_is_a_regular_file() throws IOException {
        deleteRecursively(root);
        Files.writeString(root, "not a directory");

        assertFalse(store.isHealthy());
    }

    @Test
    void opening_creates_the_root_and_sweeps_stale_staging_files() throws IOException {
        Path nested = base.resolve("x/y/z");
        new FilesystemObjectStore(nested);
        Path stale = Files.writeString(nested.resolve(".tmp/crashed.part"), "left over");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path fresh = Files.writeString(nested.resolve(".tmp/in-flight.part"), "still being written");

        new FilesystemObjectStore(nested);

        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
    }

    private void assertStagingEmpty() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve(StagingArea.DIRECTORY))) {
            assertEquals(List.of(), files.toList());
        }
    }

    private static byte[] concat(byte[] head, byte[] tail) {
        byte[] all = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
