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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document served by the real server, and every operation it documents probed on that server:
 * none may fall through to the catch-all "Route … not found" (the other direction, every registered route
 * being documented, is checked against the route table in adapters-http).
 */
class OpenApiRoutesTest {
    /** Reads before writes, deletes last, so every probe finds the fixture it needs. */
    private static final List<String> ORDER = List.of("head", "get", "put", "post", "delete");
    @TempDir
    static Path storage;
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void start() {
        server = new TestServer(storage, Map.of());
        api = new Api(server);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"probe-bucket\",\"public\":true}").statusCode());
        assertEquals(200, api.send("POST", "/object/probe-bucket/probe/dir/file.txt", "probe",
                "content-type", "text/plain").statusCode());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_document_is_served_under_the_prefix_and_at_the_root_without_a_key() throws IOException {
        HttpResponse<String> prefixed = api.send("GET", "/openapi.json", null);
        HttpResponse<String> root = api.sendTo(server.baseUrl().replace("/storage/v1", "") + "/openapi.json", "GET", null);

        assertEquals(200, prefixed.statusCode());
        assertEquals(prefixed.body(), root.body());
        assertTrue(Json.MAPPER.readTree(prefixed.body()).path("openapi").asText().startsWith("3."));
    }

    @Test
    void every_documented_operation_reaches_a_route_of_the_server() throws IOException {
        List<String[]> operations = new ArrayList<>();
        JsonNode paths = Json.MAPPER.readTree(api.send("GET", "/openapi.json", null).body()).path("paths");
        paths.properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method ->
                operations.add(new String[]{method, path.getKey()})));
        operations.sort(Comparator.comparingInt(operation -> ORDER.indexOf(operation[0])));
        assertFalse(operations.isEmpty());

        for (String[] operation : operations) {
            String method = operation[0].toUpperCase(Locale.ROOT);
            String path = operation[1].replace("{bucket}", "probe-bucket").replace("{id}", "probe-bucket")
                    .replace("{path}", "probe/dir/file.txt");
            HttpResponse<String> response = api.send(method, path, method.equals("GET") || method.equals("HEAD")
                    ? null : "{}", "content-type", "application/json");
            assertFalse(fellThrough(response), method + " " + path + " answered " + response.statusCode() + " "
                    + response.body());
        }
    }

    @Test
    void the_probe_does_tell_an_unknown_route() {
        assertTrue(fellThrough(api.send("GET", "/object/nowhere", null)));
        assertTrue(fellThrough(api.send("HEAD", "/bucket", null)));
    }

    /** The catch-all's answer: 404 with code NotFound (a HEAD has no body, so any 404 counts). */
    private static boolean fellThrough(HttpResponse<String> response) {
        return response.statusCode() == 404
                && (response.body().isEmpty() || response.body().contains("\"code\":\"NotFound\""));
    }
}
