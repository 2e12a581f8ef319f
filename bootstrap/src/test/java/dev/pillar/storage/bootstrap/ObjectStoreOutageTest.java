package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3ProxyServer;
import dev.pillar.storage.adapters.s3.S3Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The S3 server behind a running storage server stops in the middle of an upload and comes back on the same port
 * with the same data: the upload fails fast with a 503 in Supabase's JSON shape and leaves no row, no key and no
 * multipart upload behind; {@code /health} follows the outage both ways without a restart; what was stored before
 * is intact after.
 */
class ObjectStoreOutageTest {
    private static final String SUITE = "faults-object-store";
    private static final int MIB = 1024 * 1024;
    @TempDir
    Path directory;
    private S3ProxyServer s3;
    private String s3Bucket;
    private TestServer server;
    private Api api;

    @BeforeEach
    void start() {
        s3 = S3ProxyServer.start(directory.resolve("s3"));
        s3Bucket = S3ProxyServer.newBucketName();
        Map<String, String> env = new HashMap<>(S3ProxyServer.environment(s3.endpoint(), s3Bucket));
        env.put("S3_PART_SIZE", Long.toString(S3Settings.MIN_PART_SIZE));
        server = new TestServer(directory.resolve("objects"), env);
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"files\"}").statusCode());
    }

    @AfterEach
    void stop() {
        server.close();
        s3.close();
    }

    @Test
    void an_upload_cut_by_an_s3_outage_fails_fast_leaves_nothing_and_the_server_recovers() throws Exception {
        byte[] kept = Faults.bytes(3 * MIB, 1);
        assertEquals(200, api.sendBytes("POST", "/object/files/kept.bin", kept).statusCode());
        List<String> keysBefore = s3.keys(s3Bucket);

        int port = s3.port();
        RawHttp.Response answer = uploadCutByAnOutage(12 * MIB);

        assertEquals(503, answer.status(), answer.text());
        Faults.assertErrorShape(answer.text(), "503");
        HttpResponse<String> whileDown = api.send("PUT", "/object/files/small.txt", "hello", "x-upsert", "true");
        assertEquals(503, whileDown.statusCode(), whileDown.body());
        Faults.assertErrorShape(whileDown.body(), "503");
        HttpResponse<String> readWhileDown = api.send("GET", "/object/files/kept.bin", null);
        assertEquals(503, readWhileDown.statusCode(), readWhileDown.body());
        Faults.assertErrorShape(readWhileDown.body(), "503");

        s3 = S3ProxyServer.start(directory.resolve("s3"), port);
        Faults.await("/health answers 200 again", Duration.ofSeconds(10), () -> health() == 200);

        assertEquals(0, server.queryLong("select count(*) from storage.objects where name in ('cut.bin', 'small.txt')"),
                "no row for a failed upload");
        Faults.await("the multipart upload the outage interrupted is aborted", Duration.ofSeconds(10),
                () -> s3.pendingMultipartUploads(s3Bucket).isEmpty());
        assertEquals(keysBefore, s3.keys(s3Bucket), "no key left behind");
        HttpResponse<byte[]> after = api.sendBytes("GET", "/object/files/kept.bin", null);
        boolean intact = after.statusCode() == 200 && Arrays.equals(kept, after.body());
        HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, SUITE, intact ? 0 : 1);
        assertTrue(intact, "the object stored before the outage reads back intact");
        byte[] fresh = Faults.bytes(7 * MIB, 3);
        assertEquals(200, api.sendBytes("POST", "/object/files/cut.bin", fresh).statusCode());
        assertArrayEquals(fresh, api.sendBytes("GET", "/object/files/cut.bin", null).body());
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    /** Sends half of a body, stops S3 once its multipart upload is under way, sends the rest; the answer. */
    private RawHttp.Response uploadCutByAnOutage(int size) throws Exception {
        InputStream body = new PatternStream(size, 2);
        try (RawHttp.Connection upload = RawHttp.start("POST", URI.create(server.baseUrl() + "/object/files/cut.bin"),
                Duration.ofSeconds(30), "Authorization", "Bearer " + api.key(), "Content-Type", "application/octet-stream",
                "Content-Length", Integer.toString(size))) {
            upload.write(body, size / 2);
            Faults.await("the multipart upload is under way in S3", Duration.ofSeconds(10),
                    () -> !s3.pendingMultipartUploads(s3Bucket).isEmpty());
            s3.close();
            long stopped = System.nanoTime();
            HardeningLedger.record(HardeningLedger.Kind.FAULT, SUITE, 1);
            Faults.await("/health answers 503", Duration.ofSeconds(2), () -> health() == 503);
            try {
                upload.write(body, size - size / 2);
            } catch (IOException answeredEarly) {
                // the server may answer and close before the client has sent everything
            }
            RawHttp.Response answer = upload.read("POST");
            Duration failedAfter = Duration.ofNanos(System.nanoTime() - stopped);
            assertTrue(failedAfter.compareTo(Duration.ofSeconds(15)) < 0, "the upload failed after " + failedAfter);
            return answer;
        }
    }

    private int health() {
        return api.send("GET", "/health", null).statusCode();
    }
}
