package dev.pillar.storage.bootstrap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Plain tus requests with a key: creation with Supabase's metadata, HEAD, PATCH, anything else. */
record TusClient(TestServer server, String key) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    HttpResponse<String> create(String bucket, String name, String... headers) {
        return send(server.baseUrl() + "/upload/resumable", "POST", null, creationHeaders(bucket, name, headers));
    }

    /** Upload-Metadata for {@code bucket}/{@code name} (a {@code contentType} pair among the headers goes there). */
    String[] creationHeaders(String bucket, String name, String... headers) {
        List<String> all = new ArrayList<>();
        StringBuilder metadata = new StringBuilder("bucketName " + b64(bucket) + ",objectName " + b64(name));
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equals("contentType")) {
                metadata.append(",contentType ").append(b64(headers[i + 1]));
            } else {
                all.add(headers[i]);
                all.add(headers[i + 1]);
            }
        }
        all.add("Upload-Metadata");
        all.add(metadata.toString());
        return all.toArray(String[]::new);
    }

    HttpResponse<String> head(String location) {
        return send(location, "HEAD", null);
    }

    HttpResponse<String> patch(String location, long offset, String chunk) {
        return send(location, "PATCH", chunk, "Upload-Offset", Long.toString(offset),
                "Content-Type", "application/offset+octet-stream");
    }

    /** A PATCH whose body has no declared length (chunked transfer encoding). */
    HttpResponse<String> patchChunked(String location, long offset, String chunk) {
        return bare(location, "PATCH", HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(chunk.getBytes(StandardCharsets.UTF_8))),
                "Tus-Resumable", "1.0.0", "Authorization", "Bearer " + key, "Upload-Offset", Long.toString(offset),
                "Content-Type", "application/offset+octet-stream");
    }

    /** {@code method} on a full URL with {@code Tus-Resumable: 1.0.0} and the key. */
    HttpResponse<String> send(String url, String method, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("Tus-Resumable", "1.0.0", "Authorization", "Bearer " + key));
        all.addAll(List.of(headers));
        return bare(url, method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body), all.toArray(String[]::new));
    }

    /** A request with only the given headers, on a path under {@code /storage/v1}. */
    HttpResponse<String> raw(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        return bare(server.baseUrl() + path, method, body, headers);
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> bare(String url, String method, HttpRequest.BodyPublisher body,
                                             String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method, body);
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
