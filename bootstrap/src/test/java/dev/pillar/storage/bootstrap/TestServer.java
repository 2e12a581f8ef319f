package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The real server on a free port, with its own fresh database and storage directory, for end-to-end tests. */
final class TestServer implements AutoCloseable {
    static final String SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";
    private static final Jwt JWT = new Jwt(SECRET, Clock.systemUTC());
    private final TestDatabase database;
    private final StorageServer server;

    TestServer(Path storageDir, Map<String, String> extraEnv) {
        this(storageDir, extraEnv, 5432);
    }

    /** A server reaching its database through {@code databasePort} on loopback (a proxy in front of PostgreSQL). */
    TestServer(Path storageDir, Map<String, String> extraEnv, int databasePort) {
        database = TestDatabase.create();
        Map<String, String> env = new HashMap<>(Map.of(
                "PORT", "0",
                "SERVER_HOST", "127.0.0.1",
                "DATABASE_URL", database.url(databasePort),
                "FILE_STORAGE_BACKEND_PATH", storageDir.toString(),
                "AUTH_JWT_SECRET", SECRET));
        env.putAll(extraEnv);
        server = StorageServer.start(ServerConfig.fromEnvironment(env), SECRET);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/storage/v1";
    }

    /** Runs SQL as the database owner, e.g. to create the policies a project would have. */
    void sql(String statement) {
        database.sql(statement);
    }

    /** Runs every {@code *.sql} of {@code dir} in name order with {@link #sql}: the policies of a test project. */
    void sqlScripts(Path dir) {
        try (Stream<Path> scripts = Files.list(dir)) {
            for (Path script : scripts.filter(path -> path.toString().endsWith(".sql")).sorted().toList()) {
                sql(Files.readString(script));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first column of the first row of a query run as the database owner, as a number. */
    long queryLong(String query) {
        return database.queryLong(query);
    }

    /** The first column of every row of a query run as the database owner, as text. */
    List<String> queryStrings(String query) {
        return database.queryStrings(query);
    }

    String key(String role) {
        return keyFor(role);
    }

    String userKey(String userId) {
        return JWT.sign(claims("authenticated").put("sub", userId));
    }

    /** A JWT for {@code role}, valid for an hour, signed with the test servers' secret. */
    static String keyFor(String role) {
        return JWT.sign(claims(role));
    }

    /** Runs the expired-upload sweep now instead of waiting for its period. */
    int sweepExpiredUploads() {
        return server.sweepExpiredUploads();
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }

    private static ObjectNode claims(String role) {
        return Json.object().put("role", role)
                .put("exp", Clock.systemUTC().instant().plus(Duration.ofHours(1)).getEpochSecond());
    }
}
