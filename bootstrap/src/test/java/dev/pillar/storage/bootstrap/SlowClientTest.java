package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow clients do not hold the server: with {@code HTTP_READ_TIMEOUT_MS=1500}, a body trickling one byte a second
 * is answered 408, so is a body that stops (and its connection closed), headers that stop lose their connection, and
 * requests of other clients succeed meanwhile. Nothing the slow clients sent is stored.
 */
class SlowClientTest {
    private static final String SUITE = "SlowClientTest";
    private static final Duration BOUND = Duration.ofSeconds(15);
    @TempDir
    static Path storage;
    private static TestServer server;
    private static Api api;
    private static RawHttp raw;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of("HTTP_READ_TIMEOUT_MS", "1500"));
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"id\":\"slow\"}").statusCode());
        URI base = URI.create(server.baseUrl());
        raw = new RawHttp(base.getHost(), base.getPort(), BOUND);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_body_trickling_a_byte_a_second_is_answered_408_while_others_are_served() throws Exception {
        try (RawHttp.Connection slow = raw.open()) {
            slow.write(RawHttp.request("POST /storage/v1/object/slow/trickle.txt HTTP/1.1", List.of("Host: x",
                    "Authorization: Bearer " + server.key("service_role"), "Content-Type: text/plain",
                    "Content-Length: 100"), new byte[0]));
            long start = System.nanoTime();
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> trickle(slow, 20));
            servesOthers("trickled");
            RawHttp.Response answer = slow.read("POST");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            trickle.get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertEquals(408, answer.status(), answer.text());
            assertEquals("RequestTimeout", Json.MAPPER.readTree(answer.body()).path("code").asText());
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "cut off after " + took);
        }
        assertEquals(404, api.send("GET", "/object/info/slow/trickle.txt", null).statusCode());
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    @Test
    void a_body_that_stops_is_answered_408_and_loses_its_connection_while_others_are_served() throws IOException {
        try (RawHttp.Connection stalled = raw.open()) {
            stalled.write(RawHttp.request("POST /storage/v1/object/slow/stalled.txt HTTP/1.1", List.of("Host: x",
                    "Authorization: Bearer " + server.key("service_role"), "Content-Type: text/plain",
                    "Transfer-Encoding: chunked"), "5\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)));
            long start = System.nanoTime();
            servesOthers("stalled");
            RawHttp.Response answer = stalled.read("POST");
            assertEquals(408, answer.status(), answer.text());
            assertTrue(stalled.closedByServer(), "the server closes a connection whose body stopped");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "closed after " + took);
        }
        assertEquals(404, api.send("GET", "/object/info/slow/stalled.txt", null).statusCode());
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    @Test
    void headers_that_stop_lose_their_connection() throws IOException {
        try (RawHttp.Connection stalled = raw.open()) {
            stalled.write("GET /storage/v1/bucket HTTP/1.1\r\nHost: x\r\nX-Half".getBytes(StandardCharsets.US_ASCII));
            long start = System.nanoTime();
            assertTrue(stalled.closedByServer(), "the server closes a connection whose headers stopped");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "closed after " + took);
        }
        HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
    }

    @Test
    void an_unusable_read_timeout_is_named() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ServerConfig.fromEnvironment(Map.of("HTTP_READ_TIMEOUT_MS", "soon")));
        assertTrue(e.getMessage().contains("HTTP_READ_TIMEOUT_MS"), e.getMessage());
        assertEquals(ServerConfig.DEFAULT_READ_TIMEOUT, ServerConfig.fromEnvironment(Map.of()).readTimeout());
    }

    /** Normal requests of another client while a slow one is connected: all answered, and promptly. */
    private static void servesOthers(String tag) {
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertEquals(200, api.send("POST", "/object/slow/" + tag + "-" + i + ".txt", "fine",
                    "content-type", "text/plain").statusCode());
            assertEquals("fine", api.send("GET", "/object/slow/" + tag + "-" + i + ".txt", null).body());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(BOUND) < 0);
        }
    }

    /** Sends one body byte a second, at most {@code bytes}, until the server stops listening. */
    private static void trickle(RawHttp.Connection connection, int bytes) {
        for (int i = 0; i < bytes; i++) {
            try {
                connection.write(new byte[] {'x'});
                Thread.sleep(1000);
            } catch (IOException closed) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }
}
