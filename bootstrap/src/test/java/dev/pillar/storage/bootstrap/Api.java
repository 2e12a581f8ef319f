package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to a {@link TestServer}, with the service key, for tests below the JS clients. */
final class Api {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final TestServer server;
    private final String key;

    Api(TestServer server) {
        this.server = server;
        this.key = server.key("service_role");
    }

    /** {@code method} on {@code path} (under {@code /storage/v1}) with a text body (none when null). */
    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return sendTo(server.baseUrl() + path, method, body, headers);
    }

    /** The same, on a full URL. */
    HttpResponse<String> sendTo(String url, String method, String body, String... headers) {
        return call(request(url, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), headers), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code method} on {@code path} with a binary body (none when null), answering the body as bytes. */
    HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, String... headers) {
        return call(request(server.baseUrl() + path, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), headers), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> postJson(String path, String json) {
        return send("POST", path, json, "content-type", "application/json");
    }

    private HttpRequest request(String url, String method, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, body)
                .header("apikey", key)
                .header("authorization", "Bearer " + key);
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
