package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/storage-server.jar}) in a JVM of its own, with a heap as small
 * as the test asks, a fresh database and its output kept in a file for the test to read.
 */
final class ServerProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target/storage-server.jar");
    private final Process process;
    private final TestDatabase database;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, TestDatabase database, Path log, int port) {
        this.process = process;
        this.database = database;
        this.log = log;
        this.port = port;
    }

    /** Starts the jar with {@code -Xmx<heap>} and {@code env}, and waits until it answers. */
    static ServerProcess start(String heap, Map<String, String> env, Path workDirectory) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests with `mvn verify`");
        }
        int port = freePort();
        TestDatabase database = TestDatabase.create();
        Path log = Files.createTempFile(workDirectory, "server-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("PORT", Integer.toString(port), "SERVER_HOST", "127.0.0.1",
                "DATABASE_URL", database.url(), "AUTH_JWT_SECRET", TestServer.SECRET,
                "FILE_STORAGE_BACKEND_PATH", workDirectory.resolve("objects").toString()));
        builder.environment().putAll(env);
        ServerProcess server = new ServerProcess(builder.start(), database, log, port);
        server.awaitAnswer(Duration.ofSeconds(60));
        return server;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + "/storage/v1" + path);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            database.close();
        }
    }

    private void awaitAnswer(Duration patience) throws IOException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                database.close();
                throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                client.send(HttpRequest.newBuilder(url("/health")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the server did not answer within " + patience + ":\n" + output());
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
