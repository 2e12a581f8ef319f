package dev.pillar.storage.bootstrap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pillar.storage.adapters.http.auth.Jwt;
import dev.pillar.storage.adapters.http.support.Json;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The real server on a free port, with its own fresh database and storage directory, for end-to-end tests. */
final class TestServer implements AutoCloseable {
    static final String SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private final String database;
    private final StorageServer server;
    private final Jwt jwt = new Jwt(SECRET, Clock.systemUTC());

    TestServer(Path storageDir, Map<String, String> extraEnv) {
        database = "storage_e2e_" + UUID.randomUUID().toString().replace("-", "");
        execute(ADMIN_URL, "create database " + database);
        Map<String, String> env = new HashMap<>(Map.of(
                "PORT", "0",
                "SERVER_HOST", "127.0.0.1",
                "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + database,
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
        execute("jdbc:postgresql://127.0.0.1:5432/" + database, statement);
    }

    /** The first column of the first row of a query run as the database owner, as a number. */
    long queryLong(String query) {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database,
                "postgres", ""); Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + query, e);
        }
    }

    String key(String role) {
        return jwt.sign(claims(role));
    }

    String userKey(String userId) {
        return jwt.sign(claims("authenticated").put("sub", userId));
    }

    /** Runs the expired-upload sweep now instead of waiting for its period. */
    int sweepExpiredUploads() {
        return server.sweepExpiredUploads();
    }

    @Override
    public void close() {
        server.close();
        execute(ADMIN_URL, "drop database if exists " + database + " with (force)");
    }

    private static ObjectNode claims(String role) {
        return Json.object().put("role", role)
                .put("exp", Clock.systemUTC().instant().plus(Duration.ofHours(1)).getEpochSecond());
    }

    private static void execute(String url, String statement) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement sql = connection.createStatement()) {
            sql.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + statement, e);
        }
    }
}
