package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Plain HTTP calls to a {@link TestServer}, with the service key or another, for tests below the JS clients. */
final class Api {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestServer server;
    private final String key;
    private final String apikey;

    Api(TestServer server) {
        this(server, server.key("service_role"), server.key("service_role"));
    }

    /** Calls as the holder of {@code key}, with the anon key as {@code apikey}, as storage-js sends them. */
    Api(TestServer server, String key) {
        this(server, key, server.key("anon"));
    }

    /** Calls with no key at all, as a browser fetching a public or signed URL. */
    static Api withoutKey(TestServer server) {
        return new Api(server, null, null);
    }

    private Api(TestServer server, String key, String apikey) {
        this.server = server;
        this.key = key;
        this.apikey = apikey;
    }

    /** {@code method} on {@code path} (under {@code /storage/v1}) with a text body (none when null). */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return sendTo(server.baseUrl() + path, method, body, headers);
    }

    /** The same, on a full URL. */
    HttpResponse<String> sendTo(String url, String method, String body, String... headers) {
        return sendBytesTo(url, method, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** {@code method} on a full URL with a binary body (none when null). */
    HttpResponse<String> sendBytesTo(String url, String method, byte[] body, String... headers) {
        return call(request(url, method, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method} on {@code path} with a binary body (none when null), answering the body as bytes. */
    HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, String... headers) {
        return call(request(server.baseUrl() + path, method, body, headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send("POST", path, json, "content-type", "application/json");
    }

    /** The key these calls send. */
    String key() {
        return key;
    }

    private HttpRequest request(String url, String method, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("apikey", apikey).header("authorization", "Bearer " + key);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return request.build();
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return client.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
