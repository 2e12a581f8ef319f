package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pillar.storage.adapters.http.support.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code ERROR_HTTP_STATUS=supabase}: errors below 500 go out as HTTP 400 with the real status in the body. */
class ErrorStatusModeTest {
    @TempDir
    static Path storage;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of("ERROR_HTTP_STATUS", "supabase"));
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"modes\"}").statusCode());
        assertEquals(200, upload("taken.txt").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void a_missing_object_is_400_with_404_in_the_body() throws IOException {
        assertSent(api.send("GET", "/object/modes/nope.txt", null), 400, "404", "NoSuchKey");
    }

    @Test
    void a_duplicate_is_400_with_409_in_the_body() throws IOException {
        assertSent(upload("taken.txt"), 400, "409", "KeyAlreadyExists");
        assertSent(api.postJson("/object/copy",
                "{\"bucketId\":\"modes\",\"sourceKey\":\"taken.txt\",\"destinationKey\":\"taken.txt\"}"), 400, "409",
                "KeyAlreadyExists");
    }

    @Test
    void a_failing_object_store_stays_503() throws IOException {
        Path staging = storage.resolve(".tmp");
        Path aside = storage.resolve("staging-aside");
        Files.move(staging, aside);
        Files.writeString(staging, "not a directory: every write fails");
        try {
            assertSent(upload("fails.txt"), 503, "503", "SlowDown");
        } finally {
            Files.delete(staging);
            Files.move(aside, staging);
        }
        assertEquals(200, upload("works-again.txt").statusCode());
    }

    private static HttpResponse<String> upload(String name) {
        return api.send("POST", "/object/modes/" + name, "text", "content-type", "text/plain");
    }

    private static void assertSent(HttpResponse<String> response, int httpStatus, String bodyStatus, String code)
            throws IOException {
        assertEquals(httpStatus, response.statusCode(), response.body());
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(bodyStatus, body.path("statusCode").asText());
        assertEquals(code, body.path("code").asText());
    }
}
