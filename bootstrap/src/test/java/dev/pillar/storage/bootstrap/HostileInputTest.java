package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import dev.pillar.storage.bootstrap.HostileRequest.Case;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile-input table (issue #8): each case is sent as raw bytes to the real server and must be answered
 * with a 4xx in the error shape of its protocol (Supabase's JSON, or tus's plain text), never a 5xx; after the
 * table the server is healthy, nothing was stored and the seeded objects are intact.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    private static final String SUITE = "HostileInputTest";
    @TempDir
    static Path storage;
    private static TestServer server;
    private static RawHttp raw;
    private static HostileCases table;
    private static Map<String, String> filesBefore;
    private static long objectsBefore;
    private static final AtomicLong sent = new AtomicLong();
    private static final AtomicLong serverErrors = new AtomicLong();

    @BeforeAll
    static void seed() throws IOException {
        server = new TestServer(storage, Map.of("FILE_SIZE_LIMIT", "1MB", "HTTP_READ_TIMEOUT_MS", "1500"));
        Api api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"id\":\"seeded\",\"file_size_limit\":2048,"
                + "\"allowed_mime_types\":[\"text/plain\"]}").statusCode());
        assertEquals(200, api.postJson("/bucket", "{\"id\":\"open\",\"public\":true}").statusCode());
        assertEquals(200, api.send("POST", "/object/seeded/docs/a.txt", "hello world",
                "content-type", "text/plain").statusCode());
        assertEquals(200, api.send("POST", "/object/open/pub.txt", "public bytes",
                "content-type", "text/plain").statusCode());
        String download = Json.MAPPER.readTree(api.postJson("/object/sign/seeded/docs/a.txt",
                "{\"expiresIn\":3600}").body()).path("signedURL").asText();
        String upload = Json.MAPPER.readTree(api.send("POST", "/object/upload/sign/seeded/up/one.txt", null)
                .body()).path("token").asText();
        HttpResponse<String> created = new TusClient(server, server.key("service_role"))
                .create("seeded", "tus/one.txt", "Upload-Length", "10", "contentType", "text/plain");
        assertEquals(201, created.statusCode());
        String location = created.headers().firstValue("Location").orElseThrow();
        URI base = URI.create(server.baseUrl());
        raw = new RawHttp(base.getHost(), base.getPort(), Duration.ofSeconds(20));
        table = new HostileCases(server.key("service_role"), server.key("anon"),
                server.userKey("6f1d2c1e-8a53-4c59-9d0e-2b7f4f0d9a11"),
                download.substring(download.indexOf("token=") + 6), upload,
                location.substring(location.indexOf("/upload/resumable/")));
        filesBefore = files();
        objectsBefore = server.queryLong("select count(*) from storage.objects");
    }

    @AfterAll
    static void stop() {
        HardeningLedger.record(HardeningLedger.Kind.HOSTILE_CASE, SUITE, sent.get());
        HardeningLedger.record(HardeningLedger.Kind.BAD_INPUT_5XX, SUITE, serverErrors.get());
        server.close();
    }

    @Test
    @Order(1)
    void the_table_has_at_least_150_cases() {
        assertTrue(table.all().size() >= 150, "cases: " + table.all().size());
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> every_hostile_request_gets_a_4xx_in_the_error_shape() {
        return table.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    @Test
    @Order(3)
    void afterwards_the_server_is_healthy_nothing_was_stored_and_the_seeded_objects_are_intact() throws IOException {
        Api api = new Api(server);
        assertEquals(200, api.send("GET", "/health", null).statusCode());
        assertEquals(objectsBefore, server.queryLong("select count(*) from storage.objects"));
        assertEquals(filesBefore, files(), "files in the storage directory");
        assertEquals("hello world", api.send("GET", "/object/seeded/docs/a.txt", null).body());
        assertEquals("public bytes", api.send("GET", "/object/public/open/pub.txt", null).body());
        assertEquals(2, server.queryLong("select count(*) from storage.buckets"));
    }

    private static void run(Case c) throws IOException {
        sent.incrementAndGet();
        RawHttp.Response response = raw.send(c.bytes(), c.endOutput());
        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        String shown = c.name() + ": " + response.status() + " " + response.text();
        if (c.status() == HostileRequest.ANY_4XX) {
            assertTrue(response.status() >= 400 && response.status() < 500, shown);
        } else {
            assertEquals(c.status(), response.status(), shown);
        }
        String contentType = response.header("Content-Type").orElse("");
        if (c.plainText() && c.isHead()) {
            return;
        }
        if (c.plainText()) {
            assertTrue(contentType.startsWith("text/plain"), "tus answers plain text: " + contentType);
            return;
        }
        assertTrue(contentType.startsWith("application/json"), "content type " + contentType + " of " + shown);
        if (c.isHead()) {
            return;
        }
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(Integer.toString(response.status()), body.path("statusCode").asText(), shown);
        assertTrue(body.path("error").isTextual() && body.path("message").isTextual(), shown);
        if (c.code() != null) {
            assertEquals(c.code(), body.path("code").asText(), shown);
        }
    }

    /** Every regular file under the storage directory with the SHA-256 of its bytes. */
    private static Map<String, String> files() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(storage)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(storage.relativize(file).toString(), sha256(Files.readAllBytes(file)));
            }
        }
        return files;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
