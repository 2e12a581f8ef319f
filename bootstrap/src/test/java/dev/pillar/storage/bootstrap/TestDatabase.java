package dev.pillar.storage.bootstrap;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A fresh database on the local PostgreSQL for one end-to-end server, dropped afterwards. */
final class TestDatabase implements AutoCloseable {
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    static TestDatabase create() {
        String name = "storage_e2e_" + UUID.randomUUID().toString().replace("-", "");
        execute(ADMIN_URL, "create database " + name);
        return new TestDatabase(name);
    }

    /** The server's {@code DATABASE_URL}. */
    String url() {
        return url(5432);
    }

    /** The {@code DATABASE_URL} through {@code port} on loopback, e.g. a {@link TcpProxy} in front of PostgreSQL. */
    String url(int port) {
        return "postgresql://postgres@127.0.0.1:" + port + "/" + name;
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** Runs SQL as the database owner, e.g. to create the policies a project would have. */
    void sql(String statement) {
        execute(jdbcUrl(), statement);
    }

    /** The first column of the first row of a query run as the database owner, as a number. */
    long queryLong(String query) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
             Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + query, e);
        }
    }

    /** The first column of every row of a query run as the database owner, as text. */
    List<String> queryStrings(String query) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), "postgres", "");
             Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException("could not run: " + query, e);
        }
    }

    @Override
    public void close() {
        execute(ADMIN_URL, "drop database if exists " + name + " with (force)");
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
