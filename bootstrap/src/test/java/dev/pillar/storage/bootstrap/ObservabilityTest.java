package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server observed from outside: {@code GET /metrics} after known traffic (each number moved by exactly
 * what it should), and the access log's JSON lines as the console handler would print them.
 */
class ObservabilityTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-z_]+(?:\\{.*})?) (\\S+)$", Pattern.MULTILINE);
    private static final String UPLOAD = "method=\"POST\",route=\"/object/{bucket}/{+path}\"";
    private static final String DOWNLOAD = "method=\"GET\",route=\"/object/{bucket}/{+path}\"";
    @TempDir
    static Path storage;
    private static final Logger ACCESS = Logger.getLogger("dev.pillar.storage.access");
    private static final List<String> LINES = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        private final JsonLogFormatter formatter = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
            LINES.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of("DATABASE_POOL_SIZE", "7"));
        ACCESS.addHandler(CAPTURE); // after the start: Helidon re-reads the logging configuration while starting
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"metered\"}").statusCode());
    }

    @AfterAll
    static void stop() {
        ACCESS.removeHandler(CAPTURE);
        server.close();
    }

    @Test
    void each_request_is_one_json_line_with_the_callers_request_id_and_no_key() throws IOException {
        HttpResponse<String> upload = api.send("PUT", "/object/metered/logged/a%20b.txt?x=1", "12345",
                "content-type", "text/plain", "x-upsert", "true", "X-Request-Id", "trace-42");

        assertEquals(200, upload.statusCode(), upload.body());
        assertEquals("trace-42", upload.headers().firstValue("x-request-id").orElseThrow());
        JsonNode line = awaitLine("trace-42");
        assertEquals("info", line.path("level").asText());
        assertEquals("PUT", line.path("method").asText());
        assertEquals("/object/{bucket}/{+path}", line.path("route").asText());
        assertEquals(200, line.path("status").asInt());
        assertEquals("metered", line.path("bucket").asText());
        assertEquals("logged/a b.txt", line.path("object").asText());
        assertEquals(5, line.path("bytes_in").asLong());
        assertTrue(line.path("bytes_out").asLong() > upload.body().length());
        assertTrue(line.path("duration_ms").isNumber());
        assertEquals("service_role", line.path("role").asText());
        assertTrue(LINES.stream().noneMatch(text -> text.contains(server.key("service_role").substring(0, 20))
                || text.contains("x=1")), "no key and no query string in the log");
    }

    @Test
    void a_request_without_an_id_gets_one_and_an_error_is_logged_with_its_code() throws IOException {
        HttpResponse<String> missing = api.send("GET", "/object/metered/nowhere.txt", null);

        String requestId = missing.headers().firstValue("x-request-id").orElseThrow();
        assertEquals(36, requestId.length(), requestId);
        assertEquals(4, UUID.fromString(requestId).version(), requestId);
        assertEquals(2, UUID.fromString(requestId).variant(), requestId);
        JsonNode line = awaitLine(requestId);
        assertEquals(404, line.path("status").asInt());
        assertEquals("NoSuchKey", line.path("error").asText());
    }

    @Test
    void an_unknown_route_is_logged_as_unmatched_with_no_role() throws IOException {
        HttpResponse<String> unknown = api.send("GET", "/nothing/here", null, "X-Request-Id", "lost-1");

        assertEquals(404, unknown.statusCode());
        JsonNode line = awaitLine("lost-1");
        assertEquals("unmatched", line.path("route").asText());
        assertEquals("none", line.path("role").asText());
    }

    @Test
    void requests_bytes_and_object_store_calls_move_by_what_the_traffic_did() {
        Map<String, Double> before = scrape();
        String body = "x".repeat(1000);
        assertEquals(200, api.send("POST", "/object/metered/a/one.txt", body, "content-type", "text/plain")
                .statusCode());
        assertEquals(200, api.send("POST", "/object/metered/a/two.txt", body, "content-type", "text/plain")
                .statusCode());
        assertEquals(body, api.send("GET", "/object/metered/a/one.txt", null).body());
        HttpResponse<String> missing = api.send("GET", "/object/metered/a/missing.txt", null);
        assertEquals(404, missing.statusCode());

        Map<String, Double> after = awaitScrape("storage_http_requests_total{" + DOWNLOAD + ",status=\"404\"}",
                before);
        assertEquals(2, delta(before, after, "storage_http_requests_total{" + UPLOAD + ",status=\"200\"}"));
        assertEquals(1, delta(before, after, "storage_http_requests_total{" + DOWNLOAD + ",status=\"200\"}"));
        assertEquals(2, delta(before, after, "storage_http_request_duration_seconds_count{" + UPLOAD
                + ",status=\"200\"}"));
        assertEquals(2, delta(before, after, "storage_http_request_duration_seconds_bucket{" + UPLOAD
                + ",status=\"200\",le=\"+Inf\"}"));
        assertEquals(2000, delta(before, after, "storage_http_request_bytes_total{" + UPLOAD + "}"));
        double written = delta(before, after, "storage_http_response_bytes_total{" + DOWNLOAD + "}");
        int bodies = 1000 + missing.body().length();
        assertTrue(written > bodies && written < bodies + 2 * 1024, "two bodies and their headers: " + written);
        assertEquals(2, delta(before, after, "storage_object_store_calls_total{operation=\"write\",outcome=\"ok\"}"));
        assertEquals(1, delta(before, after, "storage_object_store_calls_total{operation=\"read\",outcome=\"ok\"}"));
        assertEquals(2, delta(before, after, "storage_object_store_call_duration_seconds_count{operation=\"write\"}"));
    }

    @Test
    void histogram_buckets_are_cumulative_and_end_at_the_count() {
        api.send("GET", "/bucket", null);
        Map<String, Double> read = scrape();
        String series = "method=\"GET\",route=\"/bucket\",status=\"200\"";
        double previous = 0;
        for (String le : List.of("0.001", "0.01", "0.1", "1", "10", "60", "+Inf")) {
            double count = read.getOrDefault("storage_http_request_duration_seconds_bucket{" + series + ",le=\"" + le
                    + "\"}", -1.0);
            assertTrue(count >= previous, "bucket le=" + le + " is cumulative");
            previous = count;
        }
        assertEquals(read.get("storage_http_request_duration_seconds_count{" + series + "}"), previous);
    }

    @Test
    void the_pool_and_the_image_workers_are_reported_and_the_format_is_prometheus_text() {
        HttpResponse<String> response = api.sendTo(server.baseUrl().replace("/storage/v1", "") + "/metrics", "GET",
                null);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(response.body().contains("# TYPE storage_http_request_duration_seconds histogram\n"));
        assertTrue(response.body().contains("# HELP storage_db_pool_connections_in_use "));
        Map<String, Double> read = scrape();
        assertEquals(7, read.get("storage_db_pool_connections_max"));
        assertEquals(0, read.get("storage_db_pool_waiting"));
        assertEquals(0, read.get("storage_image_transform_rejections_total"));
        assertEquals(0, read.get("storage_image_transform_queue_depth"));
    }

    @Test
    void open_resumable_uploads_count_from_creation_until_finished_or_terminated() {
        TusClient tus = new TusClient(server, server.key("service_role"));
        Map<String, Double> start = scrape();
        double before = start.get("storage_tus_uploads_open");
        String finished = tus.create("metered", "tus/finished.txt", "Upload-Length", "5")
                .headers().firstValue("location").orElseThrow();
        String terminated = tus.create("metered", "tus/terminated.txt", "Upload-Length", "5")
                .headers().firstValue("location").orElseThrow();
        assertEquals(before + 2, scrape().get("storage_tus_uploads_open"));

        assertEquals(204, tus.patch(finished, 0, "12345").statusCode());
        assertEquals(before + 1, scrape().get("storage_tus_uploads_open"));
        assertEquals(204, tus.send(terminated, "DELETE", null).statusCode());
        Map<String, Double> end = scrape();
        assertEquals(before, end.get("storage_tus_uploads_open"));
        assertEquals(1, delta(start, end, "storage_object_store_calls_total{operation=\"multipart_complete\","
                + "outcome=\"ok\"}"), "the multipart store's calls are counted too");
        assertEquals(1, delta(start, end, "storage_object_store_call_duration_seconds_count{"
                + "operation=\"multipart_complete\"}"));
    }

    /** The access-log line of {@code requestId}; it is written once the response is sent, so wait for it (bounded). */
    private static JsonNode awaitLine(String requestId) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (String text : LINES) {
                JsonNode line = Json.MAPPER.readTree(text);
                if (requestId.equals(line.path("request_id").asText())) {
                    assertEquals("dev.pillar.storage.access", line.path("logger").asText());
                    assertTrue(text.endsWith("\n") && text.indexOf('\n') == text.length() - 1, "one line");
                    return line;
                }
            }
            sleep();
        }
        throw new AssertionError("no access-log line for " + requestId);
    }

    /** Every sample of the exposition, by its name and labels. */
    private static Map<String, Double> scrape() {
        HttpResponse<String> response = api.send("GET", "/metrics", null);
        assertEquals(200, response.statusCode());
        Map<String, Double> samples = new HashMap<>();
        Matcher matcher = SAMPLE.matcher(response.body());
        while (matcher.find()) {
            samples.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        return samples;
    }

    /** The last response's metrics are recorded once it is sent: scrape until that series moved (bounded). */
    private static Map<String, Double> awaitScrape(String series, Map<String, Double> before) {
        for (int attempt = 0; attempt < 50; attempt++) {
            Map<String, Double> read = scrape();
            if (delta(before, read, series) > 0) {
                return read;
            }
            sleep();
        }
        throw new AssertionError(series + " never moved");
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
        return after.getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
