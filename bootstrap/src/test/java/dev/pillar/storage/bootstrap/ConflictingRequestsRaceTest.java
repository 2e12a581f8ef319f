package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Requests that conflict, sent at the same instant to the real server on both backends, each ending in a
 * state that one serial order of the same requests explains: delete against downloads, copy against move
 * and move against move on one source, upload against the deletion of its bucket. After each round every
 * row has exactly its one blob and no blob is left without a row. Rounds: {@code -Draces.rounds} (8), the
 * second party starting a little later each round.
 */
class ConflictingRequestsRaceTest {
    private static final int ROUNDS = Integer.getInteger("races.rounds", 8);
    private static final int PAYLOAD_BYTES = Integer.getInteger("races.payloadBytes", 64 * 1024);
    private static final int DOWNLOADERS = 16;
    private static final long STAGGER_MILLIS = 15;
    private static final String SUITE = "races";
    private static final Map<ServerConfig.Backend, BlobWorld> WORLDS = new EnumMap<>(ServerConfig.Backend.class);
    @TempDir
    static Path directory;

    @AfterAll
    static void stop() {
        WORLDS.values().forEach(BlobWorld::close);
    }

    /** One server per backend for the whole class; each test uses buckets of its own. */
    private static BlobWorld world(ServerConfig.Backend backend) {
        return WORLDS.computeIfAbsent(backend, b -> BlobWorld.start(b, directory.resolve(b.name())));
    }

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void a_delete_racing_downloads_serves_each_the_whole_object_or_404_and_leaves_nothing(
            ServerConfig.Backend backend) throws Exception {
        BlobWorld world = world(backend);
        Api api = new Api(world.server());
        createBucket(api, "del");
        for (int round = 0; round < ROUNDS; round++) {
            String path = "/object/del/round-" + round + ".bin";
            byte[] payload = BlobWorld.payload(PAYLOAD_BYTES, round);
            String sha = BlobWorld.sha256(payload);
            assertEquals(200, upload(api, path, payload).statusCode());
            AtomicBoolean deleted = new AtomicBoolean();
            List<Callable<List<Integer>>> downloaders = new ArrayList<>();
            for (int d = 0; d < DOWNLOADERS; d++) {
                downloaders.add(() -> {
                    List<Integer> seen = new ArrayList<>();
                    boolean sawDeletion;
                    do {
                        sawDeletion = deleted.get();
                        HttpResponse<byte[]> read = api.sendBytes("GET", path, null);
                        seen.add(read.statusCode() == 200 && !sha.equals(BlobWorld.sha256(read.body()))
                                ? -1 : read.statusCode());
                    } while (!sawDeletion);
                    return seen;
                });
            }
            Callable<List<Integer>> deleter = () -> {
                HttpResponse<String> answer = api.send("DELETE", path, null);
                deleted.set(true);
                return List.of(answer.statusCode());
            };
            List<List<Integer>> outcomes = together(downloaders, List.of(deleter));
            List<List<Integer>> downloads = outcomes.subList(0, DOWNLOADERS);
            long lost = downloads.stream().flatMap(List::stream).filter(status -> status == -1).count();
            HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
            HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, SUITE, lost);
            for (List<Integer> reads : downloads) {
                int firstMissing = reads.indexOf(404);
                assertTrue(reads.stream().allMatch(status -> status == 200 || status == 404 || status == -1),
                        "each download is the object or 404: " + reads);
                assertTrue(firstMissing < 0 || reads.subList(firstMissing, reads.size()).stream()
                        .allMatch(status -> status == 404), "once gone, it stays gone: " + reads);
                assertEquals(404, reads.getLast(), "the download after the delete answered finds nothing");
            }
            assertEquals(0, lost, "downloads that were not the whole object");
            assertEquals(List.of(200), outcomes.getLast(), "the delete succeeds");
        }
        assertEquals(Set.of(), world.rows("del"));
        assertEquals(Set.of(), world.blobs("del"), "no blob outlives its row");
    }

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void a_copy_racing_a_move_of_one_source_ends_as_copy_then_move_or_move_then_copy(ServerConfig.Backend backend)
            throws Exception {
        BlobWorld world = world(backend);
        Api api = new Api(world.server());
        createBucket(api, "cm");
        for (int round = 0; round < ROUNDS; round++) {
            String folder = "r" + round + "/";
            String source = folder + "source.bin";
            byte[] payload = BlobWorld.payload(PAYLOAD_BYTES, 100 + round);
            assertEquals(200, upload(api, "/object/cm/" + source, payload).statusCode());
            List<List<Integer>> answers = together(
                    List.of(staggered(round,
                            () -> List.of(transfer(api, "cm", "copy", source, folder + "copied.bin")))),
                    List.of(() -> List.of(transfer(api, "cm", "move", source, folder + "moved.bin"))));
            int copy = answers.get(0).getFirst();
            int move = answers.get(1).getFirst();
            Map<String, byte[]> state = contents(api, "cm", folder, "source.bin", "copied.bin", "moved.bin");
            boolean copyThenMove = copy == 200 && move == 200
                    && state.keySet().equals(Set.of("copied.bin", "moved.bin"));
            boolean moveThenCopy = copy == 404 && move == 200 && state.keySet().equals(Set.of("moved.bin"));
            recordRound(payload, state);
            assertTrue(copyThenMove || moveThenCopy, "copy " + copy + ", move " + move
                    + ", left " + state.keySet() + ": no serial order gives that");
        }
        assertEquals(world.rows("cm"), world.blobs("cm"), "every row has its one blob, no blob without a row");
    }

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void two_moves_of_one_source_move_it_once(ServerConfig.Backend backend) throws Exception {
        BlobWorld world = world(backend);
        Api api = new Api(world.server());
        createBucket(api, "mm");
        for (int round = 0; round < ROUNDS; round++) {
            String folder = "r" + round + "/";
            String source = folder + "source.bin";
            byte[] payload = BlobWorld.payload(PAYLOAD_BYTES, 200 + round);
            assertEquals(200, upload(api, "/object/mm/" + source, payload).statusCode());
            List<List<Integer>> answers = together(
                    List.of(() -> List.of(transfer(api, "mm", "move", source, folder + "a.bin"))),
                    List.of(staggered(round, () -> List.of(transfer(api, "mm", "move", source, folder + "b.bin")))));
            int toA = answers.get(0).getFirst();
            int toB = answers.get(1).getFirst();
            Map<String, byte[]> state = contents(api, "mm", folder, "source.bin", "a.bin", "b.bin");
            boolean aFirst = toA == 200 && toB == 404 && state.keySet().equals(Set.of("a.bin"));
            boolean bFirst = toA == 404 && toB == 200 && state.keySet().equals(Set.of("b.bin"));
            recordRound(payload, state);
            assertTrue(aFirst || bFirst, "moves answered " + toA + " and " + toB + ", left " + state.keySet()
                    + ": no serial order gives that");
        }
        assertEquals(world.rows("mm"), world.blobs("mm"), "every row has its one blob, no blob without a row");
    }

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void an_upload_racing_the_deletion_of_its_bucket_is_refused_or_keeps_the_bucket(ServerConfig.Backend backend)
            throws Exception {
        BlobWorld world = world(backend);
        Api api = new Api(world.server());
        for (int round = 0; round < ROUNDS; round++) {
            String bucket = "doomed-" + round;
            createBucket(api, bucket);
            byte[] payload = BlobWorld.payload(PAYLOAD_BYTES, 300 + round);
            List<List<Integer>> answers = together(
                    List.of(() -> List.of(upload(api, "/object/" + bucket + "/late.bin", payload).statusCode())),
                    List.of(staggered(round,
                            () -> List.of(api.send("DELETE", "/bucket/" + bucket, null).statusCode()))));
            int upload = answers.get(0).getFirst();
            int delete = answers.get(1).getFirst();
            boolean bucketExists = api.send("GET", "/bucket/" + bucket, null).statusCode() == 200;
            Set<String> rows = world.rows(bucket);
            Set<String> blobs = world.blobs(bucket);
            boolean deletionFirst = delete == 200 && upload >= 400 && upload < 500 && !bucketExists
                    && rows.isEmpty() && blobs.isEmpty();
            boolean uploadFirst = upload == 200 && delete == 409 && bucketExists && rows.size() == 1
                    && rows.equals(blobs);
            long lost = upload == 200 && !(uploadFirst && intact(api, "/object/" + bucket + "/late.bin", payload))
                    ? 1 : 0;
            HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
            HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, SUITE, lost);
            assertTrue(deletionFirst || uploadFirst, "upload " + upload + ", delete " + delete + ", bucket "
                    + (bucketExists ? "kept" : "gone") + ", rows " + rows + ", blobs " + blobs
                    + ": no serial order gives that");
            assertEquals(0, lost, "the stored upload reads back whole");
        }
    }

    /**
     * The task, started {@code round} times {@value #STAGGER_MILLIS} ms late: successive rounds shift one party
     * across the other's critical window, so that both serial orders (and the interleavings between) occur.
     */
    private static Callable<List<Integer>> staggered(int round, Callable<List<Integer>> task) {
        return () -> {
            Thread.sleep(round * STAGGER_MILLIS);
            return task.call();
        };
    }

    /** Starts every task at the same instant on its own virtual thread; their results in order. */
    @SafeVarargs
    private static List<List<Integer>> together(List<Callable<List<Integer>>>... groups) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Integer>>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Callable<List<Integer>>> group : groups) {
                for (Callable<List<Integer>> task : group) {
                    running.add(threads.submit(() -> {
                        go.await();
                        return task.call();
                    }));
                }
            }
            go.countDown();
            List<List<Integer>> results = new ArrayList<>();
            for (Future<List<Integer>> task : running) {
                results.add(task.get());
            }
            return results;
        }
    }

    /** The objects among {@code names} (under {@code folder}) that exist, with their bytes; 5xx fails the test. */
    private static Map<String, byte[]> contents(Api api, String bucket, String folder, String... names) {
        Map<String, byte[]> found = new TreeMap<>();
        for (String name : names) {
            HttpResponse<byte[]> read = api.sendBytes("GET", "/object/" + bucket + "/" + folder + name, null);
            if (read.statusCode() == 200) {
                found.put(name, read.body());
            } else if (read.statusCode() != 404) {
                fail("GET " + folder + name + " answered " + read.statusCode() + ": " + new String(read.body()));
            }
        }
        return found;
    }

    /** One scenario ran; every object left that is not the source's bytes counts as lost. */
    private static void recordRound(byte[] payload, Map<String, byte[]> state) {
        String sha = BlobWorld.sha256(payload);
        long lost = state.values().stream().filter(bytes -> !sha.equals(BlobWorld.sha256(bytes))).count();
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
        HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, SUITE, lost);
        assertEquals(0, lost, "objects whose bytes are not the source's");
    }

    private static boolean intact(Api api, String path, byte[] payload) {
        HttpResponse<byte[]> read = api.sendBytes("GET", path, null);
        return read.statusCode() == 200 && BlobWorld.sha256(payload).equals(BlobWorld.sha256(read.body()));
    }

    private static int transfer(Api api, String bucket, String operation, String from, String to) {
        return api.postJson("/object/" + operation, "{\"bucketId\":\"" + bucket + "\",\"sourceKey\":\"" + from
                + "\",\"destinationKey\":\"" + to + "\"}").statusCode();
    }

    private static HttpResponse<byte[]> upload(Api api, String path, byte[] payload) {
        return api.sendBytes("POST", path, payload, "content-type", "application/octet-stream");
    }

    private static void createBucket(Api api, String name) {
        HttpResponse<String> created = api.postJson("/bucket", "{\"name\":\"" + name + "\"}");
        assertEquals(200, created.statusCode(), created.body());
    }
}
