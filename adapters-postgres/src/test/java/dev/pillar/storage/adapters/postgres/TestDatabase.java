package dev.pillar.storage.adapters.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the local PostgreSQL for one test class, dropped afterwards. The server is
 * {@code TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/}), user {@code TEST_POSTGRES_USER}
 * (default {@code postgres}), trust or {@code TEST_POSTGRES_PASSWORD}.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
    private static final String SERVER = env("TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = env("TEST_POSTGRES_USER", "postgres");
    private static final String PASSWORD = env("TEST_POSTGRES_PASSWORD", "");

    private final String name = "storage_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    private final boolean migrate;
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    private TestDatabase(boolean migrate) {
        this.migrate = migrate;
    }

    /** A database with the schema applied once before the class's tests. */
    static TestDatabase migrated() {
        return new TestDatabase(true);
    }

    /** An empty database: the tests run the migrations themselves. */
    static TestDatabase empty() {
        return new TestDatabase(false);
    }

    PostgresSettings settings() {
        return PostgresSettings.of(SERVER + name, USER, PASSWORD);
    }

    /** A store on this database (migrations already applied), closed after the class. */
    PostgresMetadataStore open(PostgresSettings settings) {
        PostgresMetadataStore store = PostgresMetadataStore.open(settings);
        closeAtEnd.add(store);
        return store;
    }

    PostgresMetadataStore open() {
        return open(settings());
    }

    /** Runs SQL as the (superuser) login role, outside any caller's session. */
    void execute(String sql) {
        try (Connection connection = connect(name); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of the first row, as text (null when there is no row or the value is null). */
    String queryText(String sql) {
        try (Connection connection = connect(name); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plan PostgreSQL picks for a statement with its parameters, sequential scans discouraged: on a test's few
     * rows they are the cheapest, whatever the indexes.
     */
    String plan(String sql, List<Object> params) {
        try (Connection connection = connect(name)) {
            connection.createStatement().execute("set enable_seqscan = off");
            try (PreparedStatement statement = connection.prepareStatement("explain " + sql)) {
                for (int i = 0; i < params.size(); i++) {
                    statement.setObject(i + 1, params.get(i));
                }
                StringBuilder plan = new StringBuilder();
                try (ResultSet lines = statement.executeQuery()) {
                    while (lines.next()) {
                        plan.append(lines.getString(1)).append('\n');
                    }
                }
                return plan.toString();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void clearStorage() {
        execute("truncate storage.objects, storage.buckets");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        }
        if (migrate) {
            PostgresMetadataStore.migrate(settings());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : closeAtEnd) {
            closeable.close();
        }
        try (Connection admin = connect("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(SERVER + database, USER, PASSWORD);
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}
