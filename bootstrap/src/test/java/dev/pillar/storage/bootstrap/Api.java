package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Plain HTTP calls to a {@link TestServer}, with the service key, for tests below the JS clients. */
final class Api {
    private final HttpClient client = HttpClient.newHttpClient();
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
        return call(url, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), HttpResponse.BodyHandlers.ofString(), headers);
    }

    /** {@code method} on {@code path} with a binary body (none when null), answering the body's bytes. */
    HttpResponse<byte[]> sendBytes(String method, String path, byte[] body, String... headers) {
        return call(server.baseUrl() + path, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body), HttpResponse.BodyHandlers.ofByteArray(), headers);
    }

    /** The service key these calls send. */
    String key() {
        return key;
    }

    private <T> HttpResponse<T> call(String url, String method, HttpRequest.BodyPublisher body,
                                     HttpResponse.BodyHandler<T> answer, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, body)
                .header("apikey", key)
                .header("authorization", "Bearer " + key);
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return client.send(request.build(), answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> postJson(String path, String json) {
        return send("POST", path, json, "content-type", "application/json");
    }
}
