package dev.pillar.storage.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pillar.storage.application.access.Role;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** Opens connections as the settings say: a bounded Hikari pool, and one-off connections for migrations. */
final class ConnectionPool {
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final String APPLICATION_NAME = "pillar-storage";
    /** A statement cancelled by its timeout answers at once; past this margin the server is gone (ADR 0017). */
    private static final long SOCKET_MARGIN_SECONDS = 5;

    private ConnectionPool() {
    }

    /** A pool that starts even while the database is down (it then reports unavailable, not crash). */
    static HikariDataSource open(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("pillar-storage-" + POOLS.incrementAndGet());
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setJdbcUrl(settings.jdbcUrl());
        if (!settings.user().isEmpty()) {
            config.setUsername(settings.user());
        }
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2_000));
        config.setInitializationFailTimeout(-1);
        // Between pieces of work a pooled connection acts as anon, the API role with the least access, not as the
        // login role (often a superuser, past row-level security): a statement that ever ran without its caller's
        // set-up would get anon's rights, not the login's (ADR 0028). The set-up's role ends with its transaction.
        config.setConnectionInitSql("set role " + Role.ANON.dbName());
        driverProperties(settings, true).forEach((key, value) -> config.addDataSourceProperty((String) key, value));
        return new HikariDataSource(config);
    }

    /** A connection outside the pool, for work that must not change pooled sessions (migrations). */
    static Connection direct(PostgresSettings settings) throws SQLException {
        Properties properties = driverProperties(settings, false);
        if (!settings.user().isEmpty()) {
            properties.setProperty("user", settings.user());
        }
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        Connection connection = new org.postgresql.Driver().connect(settings.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL", "08001");
        }
        return connection;
    }

    /**
     * Driver-level bounds (URL parameters win over these): connecting gives up with the pool's timeout, and
     * for requests a socket read gives up a few seconds after the statement timeout, so a server that stops
     * answering cannot hang one longer. Migrations get no read bound: building an index on a large table may
     * take its time.
     */
    private static Properties driverProperties(PostgresSettings settings, boolean forRequests) {
        long connectSeconds = Math.max(1, (settings.connectionTimeout().toMillis() + 999) / 1000);
        long socketSeconds = forRequests ? settings.statementTimeout().toSeconds() + SOCKET_MARGIN_SECONDS : 0;
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Long.toString(connectSeconds));
        properties.setProperty("loginTimeout", Long.toString(connectSeconds));
        properties.setProperty("socketTimeout", Long.toString(socketSeconds));
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        return properties;
    }
}
