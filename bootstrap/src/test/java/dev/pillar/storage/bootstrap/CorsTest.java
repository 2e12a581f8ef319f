package dev.pillar.storage.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CORS on the real server: preflights, headers on every answer (errors too), and an enforced origin list. */
class CorsTest {
    private static final String PAGE = "http://app.example.test:3000";
    /** What the contract says supabase-js and tus-js-client were seen to need in Chromium. */
    private static final List<String> REQUESTED_HEADERS = List.of("apikey", "authorization", "cache-control",
            "content-type", "tus-resumable", "upload-length", "upload-metadata", "upload-offset", "x-client-info",
            "x-metadata", "x-upsert", "upload-defer-length", "x-signature", "range", "if-none-match", "x-request-id");
    private static final List<String> READ_HEADERS = List.of("location", "upload-offset", "upload-length",
            "content-range", "etag", "content-disposition", "x-transformations", "upload-expires", "x-request-id");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path anyOriginStorage;
    @TempDir
    static Path listedOriginsStorage;
    private static TestServer anyOrigin;
    private static TestServer listedOrigins;

    @BeforeAll
    static void start() {
        anyOrigin = new TestServer(anyOriginStorage, Map.of());
        listedOrigins = new TestServer(listedOriginsStorage,
                Map.of("CORS_ALLOWED_ORIGINS", PAGE + ", https://other.example.test", "CORS_MAX_AGE", "600"));
        Api api = new Api(anyOrigin);
        assertEquals(200, api.postJson("/bucket", "{\"name\":\"cors\"}").statusCode());
        assertEquals(200, api.send("POST", "/object/cors/hello.txt", "hello world", "content-type", "text/plain")
                .statusCode());
    }

    @AfterAll
    static void stop() {
        anyOrigin.close();
        listedOrigins.close();
    }

    @Test
    void a_preflight_on_any_route_is_answered_with_what_the_clients_send() {
        for (String path : List.of("/object/cors/hello.txt", "/upload/resumable", "/bucket", "/no/such/route")) {
            HttpResponse<String> preflight = preflight(anyOrigin, path, PAGE, "PUT");

            assertEquals(204, preflight.statusCode(), path);
            assertEquals("", preflight.body());
            assertEquals(Optional.of("*"), header(preflight, "access-control-allow-origin"));
            assertEquals(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"),
                    list(preflight, "access-control-allow-methods"));
            assertTrue(list(preflight, "access-control-allow-headers").containsAll(REQUESTED_HEADERS),
                    preflight.headers().toString());
            assertEquals(Optional.of("7200"), header(preflight, "access-control-max-age"));
        }
    }

    @Test
    void answers_successful_or_not_are_readable_with_the_headers_clients_need() {
        HttpResponse<String> ranged = send(anyOrigin, "GET", "/object/cors/hello.txt", PAGE, true, "range", "bytes=0-4");
        HttpResponse<String> missing = send(anyOrigin, "GET", "/object/cors/missing.txt", PAGE, true);
        HttpResponse<String> unknownRoute = send(anyOrigin, "GET", "/no/such/route", PAGE, true);

        assertEquals(206, ranged.statusCode());
        assertEquals("hello", ranged.body());
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("NoSuchKey"), missing.body());
        assertEquals(404, unknownRoute.statusCode());
        for (HttpResponse<String> response : List.of(ranged, missing, unknownRoute)) {
            assertEquals(Optional.of("*"), header(response, "access-control-allow-origin"));
            assertTrue(list(response, "access-control-expose-headers").containsAll(READ_HEADERS),
                    response.headers().toString());
            assertEquals(Optional.empty(), header(response, "vary"), "nothing varies when every origin is allowed");
        }
    }

    @Test
    void cors_never_replaces_authorization() {
        assertEquals(204, preflight(anyOrigin, "/object/cors/hello.txt", PAGE, "GET").statusCode());

        HttpResponse<String> keyless = send(anyOrigin, "GET", "/object/cors/hello.txt", PAGE, false);
        HttpResponse<String> keylessUpload = send(anyOrigin, "POST", "/object/cors/sneaky.txt", PAGE, false);

        assertEquals(400, keyless.statusCode());
        assertTrue(keyless.body().contains("InvalidJWT"), keyless.body());
        assertEquals(400, keylessUpload.statusCode());
        assertEquals(Optional.of("*"), header(keyless, "access-control-allow-origin"), "the refusal is readable");
        assertEquals(404, send(anyOrigin, "GET", "/object/cors/sneaky.txt", PAGE, true).statusCode());
    }

    @Test
    void a_listed_origin_is_echoed_and_marked_as_varying() {
        HttpResponse<String> preflight = preflight(listedOrigins, "/bucket", PAGE, "POST");
        HttpResponse<String> answer = send(listedOrigins, "GET", "/bucket", "https://OTHER.example.test", true);

        assertEquals(204, preflight.statusCode());
        assertEquals(Optional.of(PAGE), header(preflight, "access-control-allow-origin"));
        assertEquals(Optional.of("600"), header(preflight, "access-control-max-age"));
        assertEquals(Optional.of("Origin"), header(preflight, "vary"));
        assertEquals(200, answer.statusCode());
        assertEquals(Optional.of("https://OTHER.example.test"), header(answer, "access-control-allow-origin"));
        assertEquals(Optional.of("Origin"), header(answer, "vary"));
        assertTrue(list(answer, "access-control-expose-headers").containsAll(READ_HEADERS));
    }

    @Test
    void an_unlisted_origin_gets_no_cors_headers_so_the_browser_blocks_it() {
        HttpResponse<String> preflight = preflight(listedOrigins, "/bucket", "http://evil.example.test", "POST");
        HttpResponse<String> answer = send(listedOrigins, "GET", "/bucket", "http://app.example.test:3001", true);
        HttpResponse<String> withoutOrigin = send(listedOrigins, "GET", "/bucket", null, true);

        assertEquals(204, preflight.statusCode());
        assertEquals(200, answer.statusCode(), "the server still answers; only the browser withholds it");
        for (HttpResponse<String> response : List.of(preflight, answer, withoutOrigin)) {
            assertFalse(response.headers().map().keySet().stream().anyMatch(name -> name.startsWith("access-control-")),
                    response.headers().toString());
            assertEquals(Optional.of("Origin"), header(response, "vary"));
        }
    }

    private static HttpResponse<String> preflight(TestServer server, String path, String origin, String method) {
        return exchange(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", origin)
                .header("access-control-request-method", method)
                .header("access-control-request-headers", String.join(",", REQUESTED_HEADERS)));
    }

    private static HttpResponse<String> send(TestServer server, String method, String path, String origin,
                                             boolean withKey, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("origin", origin);
        }
        if (withKey) {
            request.header("authorization", "Bearer " + server.key("service_role"));
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return exchange(request);
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name);
    }

    private static List<String> list(HttpResponse<?> response, String name) {
        return Arrays.stream(header(response, name).orElse("").split(","))
                .map(value -> value.trim()).map(value -> name.endsWith("methods") ? value : value.toLowerCase(Locale.ROOT))
                .filter(value -> !value.isEmpty()).toList();
    }
}
