package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.filesystem.FilesystemObjectStore;
import dev.pillar.storage.adapters.s3.S3ObjectStore;
import dev.pillar.storage.adapters.s3.S3ProxyExtension;
import dev.pillar.storage.adapters.s3.S3ProxyServer;
import dev.pillar.storage.application.port.BlobKey;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.object.ObjectName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged server killed with SIGKILL in the middle of a plain upload, an overwrite and a tus PATCH, then
 * started again on the same database and store, on both backends: nothing half-visible, the overwritten object
 * still whole, the tus upload resumed from the offset HEAD reports and finished with identical bytes; the
 * {@code reconcile} command reports the orphans (a crashed write's staging files, a blob whose row was never
 * published) in a dry run and, once the upload completed, removes exactly those for real.
 */
class CrashRecoveryIT {
    private static final String SUITE = "CrashRecoveryIT";
    private static final int MIB = 1024 * 1024;
    private static final String BUCKET = "crash";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String KEY = TestServer.keyFor("service_role");
    @TempDir
    static Path work;
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void a_server_killed_mid_upload_and_mid_patch_recovers_and_the_reconciler_clears_the_orphans(
            ServerConfig.Backend backend) throws Exception {
        Path shared = Files.createTempDirectory(work, "shared");
        String s3Bucket = S3ProxyServer.newBucketName();
        Map<String, String> env = new HashMap<>(Map.of("FILE_SIZE_LIMIT", "100MB", "RECONCILE_GRACE_SECONDS", "0",
                "RECONCILE_INTERVAL_SECONDS", "0"));
        if (backend == ServerConfig.Backend.S3) {
            env.putAll(S3ProxyServer.environment(S3.server().endpoint(), s3Bucket));
        }
        byte[] previous = randomBytes(2 * MIB, 1);
        byte[] tusPayload = randomBytes(12 * MIB, 2);
        long lost = 0;
        try (TestDatabase database = TestDatabase.create()) {
            env.put("DATABASE_URL", database.url());
            String tusPath;
            try (ServerProcess first = ServerProcess.start("256m", env, shared)) {
                assertEquals(200, send(first, "POST", "/bucket", ("{\"name\":\"" + BUCKET + "\"}").getBytes()).statusCode());
                assertEquals(200, send(first, "POST", "/object/" + BUCKET + "/doc.bin", previous).statusCode());
                tusPath = createTusUpload(first, "video.bin", tusPayload.length);
                HttpResponse<String> firstChunk = patch(first, tusPath, 0, Arrays.copyOfRange(tusPayload, 0, 6 * MIB));
                assertEquals(204, firstChunk.statusCode(), firstChunk.body());

                List<Socket> hanging = new ArrayList<>();
                hanging.add(startRequest(first, "PUT", "/object/" + BUCKET + "/doc.bin", 8 * MIB,
                        randomBytes(3 * MIB, 3), "x-upsert: true\r\n"));
                hanging.add(startRequest(first, "POST", "/object/" + BUCKET + "/fresh.bin", 8 * MIB,
                        randomBytes(3 * MIB, 4), ""));
                hanging.add(startRequest(first, "PATCH", tusPath, 6 * MIB,
                        Arrays.copyOfRange(tusPayload, 6 * MIB, 8 * MIB), "Tus-Resumable: 1.0.0\r\nUpload-Offset: "
                                + 6 * MIB + "\r\nContent-Type: application/offset+octet-stream\r\n"));
                Thread.sleep(1500);

                first.kill();
                HardeningLedger.record(HardeningLedger.Kind.FAULT, SUITE, 1);
                for (Socket socket : hanging) {
                    socket.close();
                }
            }
            BlobKey unpublished = new BlobKey("default", BucketId.of(BUCKET), ObjectName.of("completed-never-published.bin"),
                    UUID.randomUUID().toString());
            // What a crash between completing a multipart upload and publishing its row leaves (ADR 0012's gap).
            writeDirectly(backend, shared, s3Bucket, unpublished);

            try (ServerProcess second = ServerProcess.start("256m", env, shared)) {
                byte[] survivor = get(second, "/object/" + BUCKET + "/doc.bin").body();
                assertEquals(404, get(second, "/object/" + BUCKET + "/fresh.bin").statusCode(),
                        "the upload cut off by the crash is not half-visible");
                assertEquals(0, database.queryLong("select count(*) from storage.objects where name = 'fresh.bin'"));
                if (!Arrays.equals(previous, survivor)) {
                    lost++;
                }
                assertArrayEquals(previous, survivor, "the object the crash interrupted an overwrite of is intact");
                HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);

                long offset = Long.parseLong(tus(second, tusPath, "HEAD", null, Map.of())
                        .headers().firstValue("Upload-Offset").orElseThrow());
                assertTrue(offset >= 6 * MIB && offset <= 8 * MIB, "the offset counts stored bytes only: " + offset);

                ServerProcess.CommandResult dryRun = ServerProcess.command(env, shared, "reconcile", "--dry-run");
                assertEquals(0, dryRun.exitCode(), dryRun.output());
                List<String> wouldRemove = dryRun.output().lines()
                        .filter(line -> line.contains("\"action\":\"would_remove\"")).toList();
                assertTrue(wouldRemove.stream().anyMatch(line -> line.contains(unpublished.version())), dryRun.output());
                if (backend == ServerConfig.Backend.FILE) {
                    assertTrue(wouldRemove.stream().anyMatch(line -> line.contains("orphan_leftover")), dryRun.output());
                    assertTrue(stagingFiles(shared) > 0, "a dry run leaves the crashed writes' staging files");
                }

                HttpResponse<String> resumed = patchOnceTheLeaseLapses(second, tusPath, offset,
                        Arrays.copyOfRange(tusPayload, (int) offset, tusPayload.length));
                assertEquals(204, resumed.statusCode(), resumed.body());
                byte[] uploaded = get(second, "/object/" + BUCKET + "/video.bin").body();
                if (!Arrays.equals(sha256(tusPayload), sha256(uploaded))) {
                    lost++;
                }
                assertEquals(HexFormat.of().formatHex(sha256(tusPayload)), HexFormat.of().formatHex(sha256(uploaded)));
                HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);

                // The completed upload left nothing behind: the real run removes exactly what the dry run found.
                ServerProcess.CommandResult real = ServerProcess.command(env, shared, "reconcile");
                assertEquals(0, real.exitCode(), real.output());
                assertEquals(wouldRemove.size(), real.output().lines()
                        .filter(line -> line.contains("\"action\":\"removed\"")).count(), real.output());
                String summary = real.lines("reconcile_finished").getFirst();
                assertTrue(summary.contains("\"orphans\":" + wouldRemove.size() + ",")
                        && summary.contains("\"rows_without_blobs\":0"), summary);
                if (backend == ServerConfig.Backend.FILE) {
                    assertEquals(0, stagingFiles(shared));
                }
                assertEquals(404, get(second, "/object/" + BUCKET + "/fresh.bin").statusCode());
                assertArrayEquals(previous, get(second, "/object/" + BUCKET + "/doc.bin").body());
                assertArrayEquals(uploaded, get(second, "/object/" + BUCKET + "/video.bin").body());
                HardeningLedger.record(HardeningLedger.Kind.SCENARIO, SUITE, 1);
            } finally {
                HardeningLedger.record(HardeningLedger.Kind.OBJECT_LOST, SUITE, lost);
            }
        }
    }

    /** Writes a blob straight into the server's store, with no row pointing at it. */
    private static void writeDirectly(ServerConfig.Backend backend, Path shared, String s3Bucket, BlobKey key) {
        ByteArrayInputStream bytes = new ByteArrayInputStream(randomBytes(1000, 5));
        if (backend == ServerConfig.Backend.FILE) {
            new FilesystemObjectStore(shared.resolve("objects")).write(key, bytes);
            return;
        }
        try (S3ObjectStore store = S3ObjectStore.open(S3.server().settings(s3Bucket))) {
            store.write(key, bytes);
        }
    }

    private static long stagingFiles(Path shared) throws IOException {
        try (Stream<Path> files = Files.list(shared.resolve("objects").resolve(".tmp"))) {
            return files.count();
        }
    }

    /** Sends the request line, headers and the first {@code sent} bytes of a {@code length}-byte body, then stalls. */
    private static Socket startRequest(ServerProcess server, String method, String path, long length, byte[] sent,
                                       String headers) throws IOException {
        URI url = server.url(path);
        Socket socket = new Socket(url.getHost(), url.getPort());
        OutputStream out = socket.getOutputStream();
        out.write((method + " " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + KEY + "\r\nContent-Type: application/octet-stream\r\n" + headers
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(sent);
        out.flush();
        return socket;
    }

    /** The upload's path under {@code /storage/v1}, the same on every instance. */
    private static String createTusUpload(ServerProcess server, String name, long length) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(server.url("/upload/resumable"))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + KEY)
                .header("Upload-Length", Long.toString(length))
                .header("Upload-Metadata", "bucketName " + b64(BUCKET) + ",objectName " + b64(name))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        String path = server.url("/upload/resumable").resolve(created.headers().firstValue("Location").orElseThrow())
                .getPath();
        return path.substring("/storage/v1".length());
    }

    private static HttpResponse<String> patch(ServerProcess server, String path, long offset, byte[] chunk)
            throws Exception {
        return tus(server, path, "PATCH", chunk, Map.of("Upload-Offset", Long.toString(offset),
                "Content-Type", "application/offset+octet-stream"));
    }

    /** The killed PATCH held the upload's lease; it lapses on its own, after which the PATCH is taken. */
    private static HttpResponse<String> patchOnceTheLeaseLapses(ServerProcess server, String path, long offset,
                                                                byte[] rest) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        HttpResponse<String> response;
        do {
            response = patch(server, path, offset, rest);
            if (response.statusCode() != 409) {
                return response;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return response;
    }

    private static HttpResponse<String> tus(ServerProcess server, String path, String method, byte[] body,
                                            Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url(path))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(ServerProcess server, String method, String path, byte[] body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url(path)).header("Authorization", "Bearer " + KEY)
                .header("Content-Type", path.equals("/bucket") ? "application/json" : "application/octet-stream")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> get(ServerProcess server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url(path)).header("Authorization", "Bearer " + KEY).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
