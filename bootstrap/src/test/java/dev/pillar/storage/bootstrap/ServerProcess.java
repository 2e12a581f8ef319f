package dev.pillar.storage.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/storage-server.jar}) in a JVM of its own, with a heap as small
 * as the test asks, a fresh database and its output kept in a file for the test to read.
 */
final class ServerProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target/storage-server.jar");
    /** The JVM options the server ships with, as every launcher passes them; the test's heap comes after. */
    private static final Path JVM_OPTIONS = Path.of("jvm.options");
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

    /** Starts the jar with the shipped JVM options, {@code -Xmx<heap>} and {@code env}, and waits until it answers. */
    static ServerProcess start(String heap, Map<String, String> env, Path workDirectory) throws IOException {
        int port = freePort();
        TestDatabase database = TestDatabase.create();
        Path log = Files.createTempFile(workDirectory, "server-", ".log");
        ProcessBuilder builder = jar(heap, env, workDirectory, database.url(), List.of());
        builder.environment().put("PORT", Integer.toString(port));
        builder.redirectOutput(log.toFile());
        ServerProcess server = new ServerProcess(builder.start(), database, log, port);
        server.awaitAnswer(Duration.ofSeconds(60));
        return server;
    }

    /**
     * Runs the jar once as a command ({@code reconcile --dry-run}, say) with the environment a server started
     * with {@code env} in {@code workDirectory} would have (set {@code DATABASE_URL} in {@code env}); returns its
     * exit code and output.
     */
    static CommandResult command(Map<String, String> env, Path workDirectory, String... args)
            throws IOException, InterruptedException {
        ProcessBuilder builder = jar("128m", env, workDirectory,
                Objects.requireNonNull(env.get("DATABASE_URL"), "DATABASE_URL"), List.of(args));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the command did not end:\n" + output);
        }
        return new CommandResult(process.exitValue(), output);
    }

    /** What a command run of the jar printed, and how it exited. */
    record CommandResult(int exitCode, String output) {
        /** The JSON log lines whose {@code event} is {@code event}. */
        List<String> lines(String event) {
            return output.lines().filter(line -> line.contains("\"event\":\"" + event + "\"")).toList();
        }
    }

    private static ProcessBuilder jar(String heap, Map<String, String> env, Path workDirectory, String databaseUrl,
                                      List<String> args) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the integration tests with `mvn verify`");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + JVM_OPTIONS, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-jar", JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("SERVER_HOST", "127.0.0.1", "DATABASE_URL", databaseUrl,
                "AUTH_JWT_SECRET", TestServer.SECRET,
                "FILE_STORAGE_BACKEND_PATH", workDirectory.resolve("objects").toString()));
        builder.environment().putAll(env);
        return builder;
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + "/storage/v1" + path);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to finish a request, run a shutdown hook or flush anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server survived SIGKILL");
        }
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
