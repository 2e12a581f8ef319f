package dev.pillar.storage.bootstrap;

import dev.pillar.storage.adapters.s3.S3ProxyExtension;
import dev.pillar.storage.adapters.s3.S3ProxyServer;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resumable uploads through the packaged server in JVMs of their own, driven by the real tus-js-client
 * ({@code src/test/e2e/it/tus-large-upload.mjs}), on both backends: 50 MiB in 6 MiB chunks through a 128 MiB
 * heap, and an upload begun on one instance and finished on another that shares only the database and the store.
 */
class ResumableUploadIT {
    private static final String HEAP = "128m";
    private static final Path E2E = Path.of("src/test/e2e");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @TempDir
    static Path work;
    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void fifty_mebibytes_in_six_mebibyte_chunks_come_back_identical_through_a_128_mib_heap(ServerConfig.Backend backend)
            throws Exception {
        try (ServerProcess server = ServerProcess.start(HEAP, environment(backend, S3ProxyServer.newBucketName()),
                Files.createTempDirectory(work, "server"))) {
            createBucket(server, "tus-large");

            tusJsClient(List.of(server), "tus-large", 50);

            assertTrue(server.isAlive(), "the server is still up");
            assertFalse(server.output().contains("OutOfMemoryError"), server.output());
        }
    }

    @ParameterizedTest(name = "{0} backend")
    @EnumSource(ServerConfig.Backend.class)
    void an_upload_started_on_one_instance_finishes_on_another_sharing_the_database_and_the_store(
            ServerConfig.Backend backend) throws Exception {
        Path shared = Files.createTempDirectory(work, "shared");
        Map<String, String> env = environment(backend, S3ProxyServer.newBucketName());
        try (TestDatabase database = TestDatabase.create()) {
            env.put("DATABASE_URL", database.url());
            try (ServerProcess first = ServerProcess.start(HEAP, env, shared);
                 ServerProcess second = ServerProcess.start(HEAP, env, shared)) {
                createBucket(first, "tus-shared");

                tusJsClient(List.of(first, second), "tus-shared", 20);
            }
        }
    }

    private static Map<String, String> environment(ServerConfig.Backend backend, String s3Bucket) {
        Map<String, String> env = new HashMap<>(Map.of("FILE_SIZE_LIMIT", "100MB"));
        if (backend == ServerConfig.Backend.S3) {
            env.putAll(S3ProxyServer.environment(S3.server().endpoint(), s3Bucket));
        }
        return env;
    }

    /** Runs the tus-js-client script against the servers in order; it checks the bytes that come back. */
    private static void tusJsClient(List<ServerProcess> servers, String bucket, int mebibytes)
            throws IOException, InterruptedException {
        ProcessBuilder node = new ProcessBuilder("node", "it/tus-large-upload.mjs").directory(E2E.toFile())
                .redirectErrorStream(true);
        node.environment().putAll(Map.of(
                "ENDPOINTS", servers.stream().map(server -> server.url("/upload/resumable").toString())
                        .collect(Collectors.joining(",")),
                "KEY", TestServer.keyFor("service_role"),
                "BUCKET", bucket,
                "SIZE_MIB", Integer.toString(mebibytes)));
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "node finished");
        assertEquals(0, process.exitValue(), "tus-js-client upload failed:\n" + output);
        assertTrue(output.startsWith("ok: "), output);
    }

    private static void createBucket(ServerProcess server, String name) throws Exception {
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(server.url("/bucket"))
                .header("Authorization", "Bearer " + TestServer.keyFor("service_role"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
    }
}
