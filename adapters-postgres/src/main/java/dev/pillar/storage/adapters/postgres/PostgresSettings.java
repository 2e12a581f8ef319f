package dev.pillar.storage.adapters.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the metadata database: a {@code jdbc:postgresql:} URL, the login role and the pool's bounds.
 *
 * @param jdbcUrl           a {@code jdbc:postgresql://host:port/db?...} URL
 * @param user              the login role, or empty to take it from the URL or the driver's defaults
 * @param password          its password, or empty
 * @param maxPoolSize       the most connections the pool opens
 * @param connectionTimeout how long to wait for a connection before the database counts as unavailable
 * @param statementTimeout  how long one statement may run before Postgres cancels it
 */
public record PostgresSettings(String jdbcUrl, String user, String password, int maxPoolSize,
                               Duration connectionTimeout, Duration statementTimeout) {
    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    /** Hikari refuses a connection timeout below this. */
    public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("the JDBC URL must start with jdbc:postgresql:");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
        }
        if (statementTimeout.isNegative() || statementTimeout.isZero()) {
            throw new IllegalArgumentException("statementTimeout must be positive");
        }
    }

    /** Settings with the default pool size and timeouts. */
    public static PostgresSettings of(String jdbcUrl, String user, String password) {
        return new PostgresSettings(jdbcUrl, user, password, DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT,
                DEFAULT_STATEMENT_TIMEOUT);
    }

    /**
     * Settings (with the defaults) from a {@code DATABASE_URL}: {@code postgres://user:pass@host:port/db?...},
     * {@code postgresql://...} or a {@code jdbc:postgresql:} URL taken as it is.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL (never echoing its password)
     */
    public static PostgresSettings fromDatabaseUrl(String databaseUrl) {
        return DatabaseUrl.parse(databaseUrl);
    }

    public PostgresSettings withMaxPoolSize(int size) {
        return new PostgresSettings(jdbcUrl, user, password, size, connectionTimeout, statementTimeout);
    }

    public PostgresSettings withConnectionTimeout(Duration timeout) {
        return new PostgresSettings(jdbcUrl, user, password, maxPoolSize, timeout, statementTimeout);
    }

    public PostgresSettings withStatementTimeout(Duration timeout) {
        return new PostgresSettings(jdbcUrl, user, password, maxPoolSize, connectionTimeout, timeout);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + DatabaseUrl.redact(jdbcUrl) + ", user=" + user
                + ", password=" + (password.isEmpty() ? "" : "***") + ", maxPoolSize=" + maxPoolSize
                + ", connectionTimeout=" + connectionTimeout + ", statementTimeout=" + statementTimeout + "]";
    }
}
