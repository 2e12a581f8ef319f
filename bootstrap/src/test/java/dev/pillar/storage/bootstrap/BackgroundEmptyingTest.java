package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Emptying a bucket larger than one batch: the answer comes at once, the rest goes in the background. */
class BackgroundEmptyingTest {
    private static final int OBJECTS = 2500;
    @TempDir
    static Path storage;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of());
        api = new Api(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void answers_after_the_first_batch_and_removes_the_rest_in_the_background() throws InterruptedException {
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"big\"}").statusCode());
        server.sql("insert into storage.objects (bucket_id, name, version, metadata) select 'big', 'f/' || g, 'v' || g,"
                + " '{\"size\": 1, \"mimetype\": \"text/plain\"}'::jsonb from generate_series(1, " + OBJECTS + ") g");

        var answer = api.send("POST", "/bucket/big/empty", null);

        assertEquals(200, answer.statusCode());
        assertEquals("{\"message\":\"Empty bucket has been queued. Completion may take up to an hour.\"}", answer.body());
        assertTrue(remaining() <= OBJECTS - 1000, "the first batch is gone when the answer comes");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (remaining() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(0, remaining(), "the background removed the rest");
        assertEquals(200, api.send("DELETE", "/bucket/big", null).statusCode());
    }

    private static long remaining() {
        return server.queryLong("select count(*) from storage.objects where bucket_id = 'big'");
    }
}
