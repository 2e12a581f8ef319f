package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;
import dev.pillar.storage.domain.bucket.BucketId;
import dev.pillar.storage.domain.failure.AccessDenied;
import dev.pillar.storage.domain.failure.Unavailable;
import dev.pillar.storage.domain.object.ObjectName;
import io.helidon.dbclient.DbExecute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The caller's set-up travels with the work's statements (ADR 0026): a reading's every statement, a
 * transaction's first one and the statement of work of one statement run as the caller, nothing of the caller stays on the pooled connection, and a
 * connection found dead on the work's first statement is replaced with the work run again, never later (ADR 0017).
 */
class CallerSetUpTest {
    @RegisterExtension
    static final TestDatabase DB = TestDatabase.migrated();
    private static final BucketId BUCKET = BucketId.of("private");
    private static final UUID ALICE = UUID.fromString("a11ce000-0000-4000-8000-000000000001");
    private static final UUID BOB = UUID.fromString("b0b00000-0000-4000-8000-000000000002");
    private static final String WHO = "select current_user || '|' || coalesce(auth.uid()::text, 'none') || '|'"
            + " || coalesce(current_setting('request.jwt.claims', true), '') || '|'"
            + " || current_setting('statement_timeout') || '|' || current_setting('transaction_read_only') as seen";
    private static final String PID = "select pg_backend_pid() as pid";
    private static PostgresMetadataStore store;

    @BeforeAll
    static void ownFolderPolicy() {
        DB.execute(Fixtures.OWN_FOLDER_POLICY);
        store = DB.open(DB.settings().withStatementTimeout(Duration.ofSeconds(7)));
    }

    @BeforeEach
    void aliceAndBobHaveAFileEach() {
        DB.clearStorage();
        Fixtures.bucketWith(store, BUCKET.value(), ALICE + "/alice.txt", BOB + "/bob.txt");
    }

    @Test
    void every_statement_of_a_reading_runs_as_the_caller_read_only() {
        Caller alice = Fixtures.user(ALICE);

        List<String> seen = store.inReadingSession(alice, db -> List.of(who(db), who(db)));

        String expected = "authenticated|" + ALICE + "|" + alice.claimsJson() + "|7s|on";
        assertEquals(List.of(expected, expected), seen);
    }

    @Test
    void a_reading_sees_only_what_the_callers_policies_show() {
        Caller alice = Fixtures.user(ALICE);

        assertEquals(Optional.of(ALICE + "/alice.txt"), store.reading(alice, repos -> repos.objects()
                .find(BUCKET, ObjectName.of(ALICE + "/alice.txt"))).map(object -> object.name().value()));
        assertEquals(Optional.empty(), store.reading(alice, repos -> repos.objects()
                .find(BUCKET, ObjectName.of(BOB + "/bob.txt"))));
        assertEquals(List.of(), store.reading(Fixtures.ANON, repos -> repos.objects()
                .findAll(BUCKET, List.of(ObjectName.of(ALICE + "/alice.txt")))));
    }

    @Test
    void a_write_inside_a_reading_is_refused_and_changes_nothing() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.reading(
                Fixtures.SERVICE, repos -> repos.objects().delete(BUCKET, List.of(ObjectName.of(BOB + "/bob.txt")))));

        assertEquals("25006", SqlFailures.stateOf(refused), "read-only transaction");
        assertEquals("2", DB.queryText("select count(*) from storage.objects"));
    }

    @Test
    void the_statements_after_a_transactions_first_run_as_the_caller_too() {
        Caller alice = Fixtures.user(ALICE);

        List<String> seen = store.inSession(alice, db -> List.of(who(db), who(db)));

        String expected = "authenticated|" + ALICE + "|" + alice.claimsJson() + "|7s|off";
        assertEquals(List.of(expected, expected), seen);
    }

    @Test
    void work_of_one_statement_runs_as_the_caller_writable_and_commits_with_its_statement() {
        Caller alice = Fixtures.user(ALICE);

        String seen = store.inOneStatementSession(alice, CallerSetUpTest::who);
        store.inOneStatement(alice, repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), ALICE + "/one.txt"));
            return null;
        });
        assertThrows(AccessDenied.class, () -> store.inOneStatement(alice, repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), BOB + "/planted.txt"));
            return null;
        }));

        assertEquals("authenticated|" + ALICE + "|" + alice.claimsJson() + "|7s|off", seen);
        assertEquals("1", DB.queryText("select count(*) from storage.objects where name = '" + ALICE + "/one.txt'"));
        assertEquals("0", DB.queryText("select count(*) from storage.objects where name like '%/planted.txt'"));
    }

    @Test
    void work_of_one_statement_may_not_run_a_second() {
        AtomicInteger statements = new AtomicInteger();

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> store.inOneStatementSession(
                Fixtures.SERVICE, db -> {
                    db.dml("insert into storage.buckets (id, name) values ('first', 'first')");
                    statements.incrementAndGet();
                    return db.dml("insert into storage.buckets (id, name) values ('second', 'second')");
                }));

        assertEquals("Work of one statement ran a second one", refused.getMessage());
        assertEquals(1, statements.get());
        assertEquals("first", DB.queryText(
                "select string_agg(id, ',') from storage.buckets where id in ('first', 'second')"),
                "the first statement committed on its own; the second never ran");
    }

    /**
     * Once a statement is prepared on the server and described (a null parameter of no declared type makes pgjdbc
     * describe it), pgjdbc sends a Sync ahead of it when its rows have no bounded size, apart from the set-up sent
     * with it: the set-up's own transaction must hold it, or it runs as the login role (ADR 0028).
     */
    @Test
    void a_statement_pgjdbc_sends_apart_from_its_set_up_still_runs_as_the_caller() {
        PostgresMetadataStore single = DB.open(DB.settings().withStatementTimeout(Duration.ofSeconds(7))
                .withMaxPoolSize(1));
        Caller alice = Fixtures.user(ALICE);
        String whoUnlessNull = WHO + " where ?::text is null";
        String expected = "authenticated|" + ALICE + "|" + alice.claimsJson() + "|7s|on";

        List<String> seen = new ArrayList<>();
        for (int run = 0; run < 8; run++) {
            seen.add(single.inReadingSession(alice, db -> db.get(whoUnlessNull, (Object) null).orElseThrow()
                    .column("seen").get(String.class)));
            int n = run;
            single.inOneStatement(alice, repos -> repos.objects()
                    .upsert(Fixtures.object(BUCKET.value(), ALICE + "/warm-" + n)));
        }

        assertEquals(Collections.nCopies(8, expected), seen);
        AccessDenied planted = assertThrows(AccessDenied.class, () -> single.inOneStatement(Fixtures.user(BOB),
                repos -> repos.objects().upsert(Fixtures.object(BUCKET.value(), ALICE + "/planted.txt"))));
        assertEquals("new row violates row-level security policy", planted.getMessage());
        assertEquals("0", DB.queryText("select count(*) from storage.objects where name like '%/planted.txt'"));
    }

    @Test
    void the_statement_timeout_bounds_the_statement_sent_with_the_set_up() {
        PostgresMetadataStore impatient = DB.open(DB.settings().withStatementTimeout(Duration.ofMillis(200)));
        String sleep = "select pg_sleep(5)::text as slept";

        Unavailable reading = assertThrows(Unavailable.class, () -> impatient.inReadingSession(Fixtures.SERVICE,
                db -> db.get(sleep)));
        Unavailable transaction = assertThrows(Unavailable.class, () -> impatient.inSession(Fixtures.SERVICE,
                db -> db.get(sleep)));

        assertEquals("57014", SqlFailures.stateOf(reading), "cancelled by the statement timeout");
        assertEquals("57014", SqlFailures.stateOf(transaction));
    }

    @Test
    void a_transaction_sends_the_set_up_once_so_what_its_work_sets_holds_for_its_later_statements() {
        String role = store.inSession(Fixtures.SERVICE, db -> {
            db.get("select set_config('role', 'anon', true) as role");
            return db.get("select current_user as role").orElseThrow().column("role").get(String.class);
        });

        assertEquals("anon", role);
    }

    @Test
    void a_pooled_connection_goes_back_clean_after_readings_transactions_and_work_of_one_statement()
            throws SQLException {
        PostgresMetadataStore single = DB.open(DB.settings().withMaxPoolSize(1));
        String clean = "anon|none||0|off";

        long readingPid = single.inReadingSession(Fixtures.user(ALICE), CallerSetUpTest::pid);
        assertEquals(readingPid + "|" + clean, rawSession(single));
        long transactionPid = single.inSession(Fixtures.user(ALICE), CallerSetUpTest::pid);
        assertEquals(transactionPid + "|" + clean, rawSession(single));
        long oneStatementPid = single.inOneStatementSession(Fixtures.user(ALICE), CallerSetUpTest::pid);
        assertEquals(oneStatementPid + "|" + clean, rawSession(single));
        assertEquals(List.of(readingPid, readingPid), List.of(transactionPid, oneStatementPid),
                "the one pooled connection served all four");
    }

    @Test
    void between_pieces_of_work_a_pooled_connection_has_anons_rights_not_the_login_roles() throws SQLException {
        PostgresMetadataStore single = DB.open(DB.settings().withMaxPoolSize(1));
        single.inReadingSession(Fixtures.SERVICE, CallerSetUpTest::pid);

        try (Connection connection = single.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select current_user || '|' || count(*) from storage.objects")) {
            row.next();
            assertEquals("anon|0", row.getString(1), "anon has no policy here: it sees none of the two objects");
        }
        assertEquals("2", DB.queryText("select count(*) from storage.objects"));
    }

    @Test
    void a_connection_found_dead_on_the_first_statement_is_replaced_and_the_work_runs_again() {
        PostgresMetadataStore single = withoutHikarisAliveCheck();
        long before = single.inReadingSession(Fixtures.SERVICE, CallerSetUpTest::pid);
        terminate(before);
        AtomicInteger readings = new AtomicInteger();

        long reading = single.inReadingSession(Fixtures.SERVICE, db -> {
            readings.incrementAndGet();
            return pid(db);
        });

        assertNotEquals(before, reading);
        assertEquals(2, readings.get(), "run again after its first statement met the dead connection");

        terminate(reading);
        AtomicInteger transactions = new AtomicInteger();
        single.inTransaction(Fixtures.SERVICE, repos -> {
            transactions.incrementAndGet();
            repos.objects().insert(Fixtures.object(BUCKET.value(), "after-restart.txt"));
            return null;
        });

        assertEquals(2, transactions.get());
        assertEquals("1", DB.queryText("select count(*) from storage.objects where name = 'after-restart.txt'"));

        terminate(single.inReadingSession(Fixtures.SERVICE, CallerSetUpTest::pid));
        AtomicInteger oneStatement = new AtomicInteger();
        single.inOneStatement(Fixtures.SERVICE, repos -> {
            oneStatement.incrementAndGet();
            return repos.objects().upsert(Fixtures.object(BUCKET.value(), "one-after-restart.txt"));
        });

        assertEquals(2, oneStatement.get());
        assertEquals("1", DB.queryText("select count(*) from storage.objects where name = 'one-after-restart.txt'"));
    }

    @Test
    void work_whose_connection_dies_after_its_first_statement_fails_and_is_not_run_again() {
        PostgresMetadataStore single = withoutHikarisAliveCheck();
        AtomicInteger runs = new AtomicInteger();

        assertThrows(Unavailable.class, () -> single.inSession(Fixtures.SERVICE, db -> {
            runs.incrementAndGet();
            long pid = db.get("insert into storage.buckets (id, name) values ('half-done', 'half-done')"
                    + " returning pg_backend_pid() as pid").orElseThrow().column("pid").get(Integer.class);
            terminate(pid);
            return pid(db);
        }));

        assertEquals(1, runs.get());
        assertEquals("0", DB.queryText("select count(*) from storage.buckets where id = 'half-done'"));
    }

    @Test
    void a_transaction_that_fails_rolls_back_its_first_statement_with_the_set_up() {
        IllegalStateException thrown = new IllegalStateException("changed its mind");

        assertThrows(IllegalStateException.class, () -> store.inTransaction(Fixtures.SERVICE, repos -> {
            repos.objects().insert(Fixtures.object(BUCKET.value(), "rolled-back.txt"));
            throw thrown;
        }));

        assertEquals("0", DB.queryText("select count(*) from storage.objects where name = 'rolled-back.txt'"));
    }

    /**
     * A one-connection store whose pool hands out its connection without first checking it is alive (Hikari checks
     * one idle for over half a second), so a connection terminated meanwhile reaches the work's first statement.
     */
    private static PostgresMetadataStore withoutHikarisAliveCheck() {
        String property = "com.zaxxer.hikari.aliveBypassWindowMs";
        System.setProperty(property, Long.toString(Duration.ofHours(1).toMillis()));
        try {
            return DB.open(DB.settings().withMaxPoolSize(1));
        } finally {
            System.clearProperty(property);
        }
    }

    private static void terminate(long pid) {
        DB.execute("select pg_terminate_backend(" + pid + ", 5000)");
    }

    private static String who(DbExecute db) {
        return db.get(WHO).orElseThrow().column("seen").get(String.class);
    }

    private static long pid(DbExecute db) {
        return db.get(PID).orElseThrow().column("pid").get(Integer.class);
    }

    /** What a borrower outside any caller's work finds on the pool's connection. */
    private static String rawSession(PostgresMetadataStore single) throws SQLException {
        try (Connection connection = single.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("select pg_backend_pid() || '|' || current_user || '|'"
                     + " || coalesce(auth.uid()::text, 'none') || '|'"
                     + " || coalesce(current_setting('request.jwt.claims', true), '') || '|'"
                     + " || current_setting('statement_timeout') || '|' || current_setting('transaction_read_only')")) {
            row.next();
            return row.getString(1);
        }
    }
}
