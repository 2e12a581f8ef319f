package dev.pillar.storage.adapters.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.application.port.BlobReferences;
import dev.pillar.storage.application.port.MetadataStore;
import dev.pillar.storage.application.port.UploadSessionRepository;
import dev.pillar.storage.domain.failure.Unavailable;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;

/** Adapter: the metadata store on PostgreSQL, with Supabase's schema and row-level security per request. */
public final class PostgresMetadataStore implements MetadataStore, AutoCloseable {
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final System.Logger LOG = System.getLogger(PostgresMetadataStore.class.getName());

    private final HikariDataSource pool;
    private final ConnectionTurns turns;
    private final RlsTransactions transactions;

    private PostgresMetadataStore(HikariDataSource pool, PostgresSettings settings) {
        this.pool = pool;
        ActingConnections connections = new ActingConnections(pool);
        DbClient client = JdbcClientBuilder.create().connectionPool(connections::connection).build();
        this.turns = new ConnectionTurns(settings.maxPoolSize(), settings.connectionTimeout(),
                settings.statementTimeout());
        this.transactions = new RlsTransactions(client, connections, turns, settings.statementTimeout(),
                settings.maxPoolSize());
    }

    /**
     * Brings the schema up to date, then opens the pool.
     *
     * @throws Unavailable           when the database cannot be reached
     * @throws IllegalStateException when it refuses the login or a migration fails
     */
    public static PostgresMetadataStore connect(PostgresSettings settings) {
        migrate(settings);
        return open(settings);
    }

    /** Opens the pool without touching the schema; it connects lazily, so this works with the database down. */
    static PostgresMetadataStore open(PostgresSettings settings) {
        PostgresMetadataStore store = new PostgresMetadataStore(ConnectionPool.open(settings), settings);
        LOG.log(System.Logger.Level.INFO, () -> "event=metadata_store_opened url="
                + DatabaseUrl.redact(settings.jdbcUrl()) + " max_pool_size=" + settings.maxPoolSize());
        return store;
    }

    /** Applies the pending migrations over a connection of its own. */
    static void migrate(PostgresSettings settings) {
        try (Connection connection = ConnectionPool.direct(settings)) {
            Migrations.apply(connection);
        } catch (SQLException e) {
            RuntimeException failure = SqlFailures.translate(e);
            if (failure instanceof Unavailable) {
                throw failure;
            }
            throw new IllegalStateException("Cannot connect to the database at "
                    + DatabaseUrl.redact(settings.jdbcUrl()) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T inTransaction(Caller caller, Function<Repositories, T> work) {
        return transactions.run(caller, db -> work.apply(repositories(db)));
    }

    /** Each statement in one round trip with the caller's set-up, read-only, without BEGIN and COMMIT (ADR 0026). */
    @Override
    public <T> T reading(Caller caller, Function<Repositories, T> work) {
        return transactions.read(caller, db -> work.apply(repositories(db)));
    }

    /** The statement in one round trip with the caller's set-up, committed with it, without BEGIN and COMMIT. */
    @Override
    public <T> T inOneStatement(Caller caller, Function<Repositories, T> work) {
        return transactions.once(caller, db -> work.apply(repositories(db)));
    }

    private static Repositories repositories(DbExecute db) {
        Sql sql = new Sql(db);
        return new Repositories(new PgBucketRepository(sql), new PgObjectRepository(sql));
    }

    /** The resumable uploads in progress, in the same database (ADR 0011). */
    public UploadSessionRepository uploadSessions() {
        return new PgUploadSessionRepository(transactions);
    }

    /** What the metadata points at in the store, for the reconciler (ADR 0015). */
    public BlobReferences blobReferences() {
        return new PgBlobReferences(transactions);
    }

    /** Runs raw statements in a transaction as the caller: for this package's tests of the session set-up. */
    <T> T inSession(Caller caller, Function<DbExecute, T> work) {
        return transactions.run(caller, work);
    }

    /** Runs raw statements in a reading as the caller: for this package's tests of the session set-up. */
    <T> T inReadingSession(Caller caller, Function<DbExecute, T> work) {
        return transactions.read(caller, work);
    }

    /** Runs raw statements as work of one statement as the caller: for this package's tests of the session set-up. */
    <T> T inOneStatementSession(Caller caller, Function<DbExecute, T> work) {
        return transactions.once(caller, work);
    }

    /** The pool itself: for this package's tests of what a transaction leaves on a connection. */
    DataSource dataSource() {
        return pool;
    }

    /** How busy the pool is right now (read-only; for the metrics). */
    public PoolUsage poolUsage() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolUsage(0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolUsage(bean.getActiveConnections(), bean.getIdleConnections(),
                turns.waiting() + bean.getThreadsAwaitingConnection(), pool.getMaximumPoolSize());
    }

    /**
     * How many resumable uploads are open right now (created, not yet finished, terminated or expired), across
     * every instance sharing the database; empty when the database does not answer within {@link #HEALTH_TIMEOUT}.
     * Read-only; for the metrics.
     */
    public OptionalLong openUploadSessions() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) HEALTH_TIMEOUT.toSeconds());
            try (ResultSet result = statement.executeQuery(
                    "select count(*) from storage.upload_sessions where expires_at > now()")) {
                return result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=open_upload_sessions_unread", e);
            return OptionalLong.empty();
        }
    }

    /** {@code select 1} on a pooled connection, given up after {@link #HEALTH_TIMEOUT} whatever blocks. */
    @Override
    public boolean isHealthy() {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Thread probe = Thread.ofVirtual().name("pillar-storage-db-health").start(() -> answer.complete(selectOne()));
        try {
            return answer.get(HEALTH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            probe.interrupt();
            return false;
        } catch (InterruptedException e) {
            probe.interrupt();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean selectOne() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) HEALTH_TIMEOUT.toSeconds());
            try (ResultSet result = statement.executeQuery("select 1")) {
                return result.next();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "event=database_health_check_failed", e);
            return false;
        }
    }

    /** Closes the pool; transactions still running fail. */
    @Override
    public void close() {
        pool.close();
    }
}
