package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many upserts of one key, each with its own payload, while readers download it in a loop, against the real
 * server on both backends: every download is one complete payload (its SHA-256 is one that was written), no
 * request fails, and afterwards one row points at one stored version with nothing else left in the store.
 * Sizes: {@code -Draces.writers} (100), {@code -Draces.readers} (50), {@code -Draces.payloadBytes} (65536).
 */
class OverwriteRaceTest {
    private static final int WRITERS = Integer.getInteger("races.writers", 100);
    private static final int READERS = Integer.getInteger("races.readers", 50);
    private static final int PAYLOAD_BYTES = Integer.getInteger("races.payloadBytes", 64 * 1024);
    private static final String PATH = "/object/hot/shared/object.bin";
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void concurrent_upserts_of_one_key_show_readers_only_complete_payloads_and_leave_one_version(
            ServerConfig.Backend backend) throws Exception {
        try (BlobWorld world = BlobWorld.start(backend, directory)) {
            Api api = new Api(world.server());
            assertEquals(200, api.postJson("/bucket", "{\"name\":\"hot\"}").statusCode());
            Map<String, Integer> written = new ConcurrentHashMap<>();
            byte[] seed = BlobWorld.payload(PAYLOAD_BYTES, 0);
            written.put(BlobWorld.sha256(seed), 0);
            assertEquals(200, upsert(api, seed).statusCode());

            List<String> failures = Collections.synchronizedList(new ArrayList<>());
            AtomicLong reads = new AtomicLong();
            AtomicLong mixed = new AtomicLong();
            AtomicBoolean writing = new AtomicBoolean(true);
            CountDownLatch go = new CountDownLatch(1);
            // Platform threads: the clients must not queue on the server's virtual-thread carriers, as remote
            // clients would not; the server still serves every request on a virtual thread of its own.
            try (ExecutorService threads = Executors.newFixedThreadPool(READERS + WRITERS)) {
                List<Future<?>> readers = new ArrayList<>();
                for (int r = 0; r < READERS; r++) {
                    readers.add(threads.submit(() -> {
                        go.await();
                        do {
                            HttpResponse<byte[]> read = api.sendBytes("GET", PATH, null);
                            reads.incrementAndGet();
                            if (read.statusCode() != 200) {
                                failures.add("GET " + read.statusCode() + " " + new String(read.body()));
                            } else if (!written.containsKey(BlobWorld.sha256(read.body()))) {
                                mixed.incrementAndGet();
                            }
                        } while (writing.get());
                        return null;
                    }));
                }
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 1; w <= WRITERS; w++) {
                    byte[] payload = BlobWorld.payload(PAYLOAD_BYTES, w);
                    written.put(BlobWorld.sha256(payload), w);
                    writers.add(threads.submit(() -> {
                        go.await();
                        HttpResponse<byte[]> answer = upsert(api, payload);
                        if (answer.statusCode() != 200) {
                            failures.add("upsert " + answer.statusCode() + " " + new String(answer.body()));
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> writer : writers) {
                    writer.get();
                }
                writing.set(false);
                for (Future<?> reader : readers) {
                    reader.get();
                }
            }

            HttpResponse<byte[]> last = api.sendBytes("GET", PATH, null);
            Integer winner = written.get(BlobWorld.sha256(last.body()));
            boolean lastIntact = last.statusCode() == 200 && winner != null && winner > 0;
            HardeningLedger.record(HardeningLedger.Kind.SCENARIO, "races", 1);
            HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, "races", mixed.get() + (lastIntact ? 0 : 1));

            assertEquals(Map.of(), failures.stream().collect(Collectors.groupingBy(failure -> failure,
                    TreeMap::new, Collectors.counting())), "every upsert and every download succeeds");
            assertEquals(0, mixed.get(), "downloads that were no complete payload, of " + reads.get());
            assertTrue(lastIntact, "afterwards the object is one writer's payload");
            Set<String> rows = world.rows("hot");
            assertEquals(1, rows.size(), "exactly one row: " + rows);
            assertEquals(rows, world.blobs("hot"), "exactly one stored version, the row's, and no orphan");
            assertEquals(WRITERS + 1, written.size(), "the payloads were distinct");
        }
    }

    private static HttpResponse<byte[]> upsert(Api api, byte[] payload) {
        return api.sendBytes("POST", PATH, payload, "x-upsert", "true", "content-type", "application/octet-stream");
    }
}
