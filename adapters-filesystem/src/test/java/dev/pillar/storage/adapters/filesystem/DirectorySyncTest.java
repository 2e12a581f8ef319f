package dev.pillar.storage.adapters.filesystem;

import dev.pillar.storage.application.port.BlobContent;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Group commit of directory syncs: concurrent writers share syncs, and none returns before its rename is synced. */
class DirectorySyncTest {
    private static final int WRITERS = 16;
    @TempDir
    Path base;

    /** A sync as the syncer saw it: the directory and the names in it when the sync began. */
    private record Sync(Path directory, Set<String> namesAtStart) {
        boolean covers(Path entry) {
            return directory.equals(entry.getParent()) && namesAtStart.contains(entry.getFileName().toString());
        }
    }

    @Test
    void concurrent_writers_into_one_directory_share_two_syncs_each_begun_after_their_renames() throws Exception {
        Path root = base.resolve("store").toAbsolutePath();
        Path directory = new KeyLayout(root).pathOf(key(0)).getParent();
        List<Sync> finished = new CopyOnWriteArrayList<>();
        AtomicReference<DirectorySync> syncs = new AtomicReference<>();
        AtomicBoolean gateOpen = new AtomicBoolean();
        syncs.set(new DirectorySync(dir -> {
            // Holds the first sync of the blobs' directory until every writer waits on it: all but its leader
            // renamed too late for it, so one more sync must cover them all.
            if (dir.equals(directory) && !gateOpen.getAndSet(true)) {
                awaitCallers(syncs.get(), directory, WRITERS);
            }
            recordingRealSync(finished).sync(dir);
        }));
        FilesystemObjectStore store = new FilesystemObjectStore(root, syncs.get());

        List<Path> written = writeConcurrently(store, root, finished);

        long blobDirectorySyncs = finished.stream().filter(sync -> sync.directory().equals(directory)).count();
        assertEquals(2, blobDirectorySyncs, "one sync in flight, then one for the " + (WRITERS - 1) + " that waited");
        assertEquals(WRITERS, written.size());
        assertEquals(0, syncs.get().directoriesInUse(), "no directory's state outlives its callers");
    }

    @Test
    void with_the_real_sync_and_no_gate_every_writer_returns_after_a_sync_begun_after_its_rename() throws Exception {
        Path root = base.resolve("store").toAbsolutePath();
        List<Sync> finished = new CopyOnWriteArrayList<>();
        DirectorySync syncs = new DirectorySync(recordingRealSync(finished));
        FilesystemObjectStore store = new FilesystemObjectStore(root, syncs);

        List<Path> written = writeConcurrently(store, root, finished);

        assertEquals(WRITERS, written.size());
        assertEquals(0, syncs.directoriesInUse());
    }

    @Test
    void a_writer_below_a_directory_another_writer_just_made_also_syncs_that_directory_into_its_parent()
            throws Exception {
        Path root = base.resolve("store").toAbsolutePath();
        BlobKey first = new BlobKey("proj", BucketId.of("b"), ObjectName.of("made/x"), "v1");
        BlobKey second = new BlobKey("proj", BucketId.of("b"), ObjectName.of("made/y"), "v1");
        Path bucket = new KeyLayout(root).pathOf(first).getParent().getParent().getParent();
        AtomicReference<DirectorySync> syncs = new AtomicReference<>();
        CountDownLatch holding = new CountDownLatch(1);
        AtomicInteger callersSeen = new AtomicInteger();
        syncs.set(new DirectorySync(dir -> {
            // Holds the first writer's sync of the entry of "made" until the second writer asks for it too.
            if (dir.equals(bucket) && holding.getCount() > 0) {
                holding.countDown();
                awaitCallers(syncs.get(), bucket, 2);
                callersSeen.set(syncs.get().callers(bucket));
            }
            DirectorySync.FORCE.sync(dir);
        }));
        FilesystemObjectStore store = new FilesystemObjectStore(root, syncs.get());

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> making = threads.submit(() -> store.write(first, new ByteArrayInputStream(payload(1))));
            holding.await();
            store.write(second, new ByteArrayInputStream(payload(2)));
            making.get();
        }

        assertEquals(2, callersSeen.get(), "the second writer waited for the entry of the directory it found");
        assertEquals(0, syncs.get().directoriesInUse());
    }

    @Test
    void the_default_store_takes_concurrent_writes_into_one_directory_on_virtual_threads() throws Exception {
        FilesystemObjectStore store = new FilesystemObjectStore(base.resolve("store"));
        List<Future<byte[]>> writes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < WRITERS * 4; i++) {
                int writer = i;
                writes.add(threads.submit(() -> {
                    byte[] payload = payload(writer);
                    store.write(key(writer), new ByteArrayInputStream(payload));
                    return payload;
                }));
            }
            for (int i = 0; i < writes.size(); i++) {
                byte[] written = writes.get(i).get();
                try (BlobContent content = store.read(key(i), Optional.empty())) {
                    assertArrayEquals(written, content.stream().readAllBytes());
                }
            }
        }
    }

    @Test
    void a_failed_sync_fails_every_caller_it_covered_and_the_next_sync_starts_clean() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        DirectorySync syncs = new DirectorySync(dir -> {
            if (calls.incrementAndGet() == 1) {
                throw new IOException("disk gone");
            }
        });
        Path directory = base.resolve("d");

        IOException failure = assertThrows(IOException.class, () -> syncs.sync(directory));
        syncs.sync(directory);

        assertEquals("disk gone", failure.getCause().getMessage());
        assertEquals(2, calls.get());
        assertEquals(0, syncs.directoriesInUse());
    }

    /**
     * Writes {@code WRITERS} versions of one name at once, and checks as each write returns that syncs which
     * began after its rename had finished: of the blob's directory and of every directory above it.
     */
    private static List<Path> writeConcurrently(FilesystemObjectStore store, Path root, List<Sync> finished)
            throws Exception {
        KeyLayout layout = new KeyLayout(root);
        List<Future<Path>> writes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                writes.add(threads.submit(() -> {
                    store.write(key(writer), new ByteArrayInputStream(payload(writer)));
                    List<Sync> before = List.copyOf(finished);
                    Path blob = layout.pathOf(key(writer));
                    for (Path entry = blob; !entry.equals(root); entry = entry.getParent()) {
                        Path level = entry;
                        assertTrue(before.stream().anyMatch(sync -> sync.covers(level)),
                                "writer " + writer + " returned before a sync covering " + level);
                    }
                    return blob;
                }));
            }
            List<Path> written = new ArrayList<>();
            for (Future<Path> write : writes) {
                written.add(write.get());
            }
            return written;
        }
    }

    /** The real fsync, recorded with the names the directory held when it began. */
    private static DirectorySync.Syncer recordingRealSync(List<Sync> finished) {
        return dir -> {
            Set<String> names;
            try (Stream<Path> entries = Files.list(dir)) {
                names = entries.map(entry -> entry.getFileName().toString()).collect(Collectors.toSet());
            } catch (NoSuchFileException gone) {
                names = Set.of();
            }
            DirectorySync.FORCE.sync(dir);
            finished.add(new Sync(dir, names));
        };
    }

    private static void awaitCallers(DirectorySync syncs, Path directory, int callers) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (syncs.callers(directory) < callers && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static BlobKey key(int version) {
        return new BlobKey("proj", BucketId.of("b"), ObjectName.of("shared/doc"), "v" + version);
    }

    private static byte[] payload(int writer) {
        byte[] bytes = new byte[4096];
        Arrays.fill(bytes, (byte) writer);
        return bytes;
    }
}
