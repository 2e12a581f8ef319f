package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * What makes PostgreSQL act as one caller for one piece of work: role, JWT claims and statement timeout, set with
 * {@code set_config(..., true)} so that they end with the transaction they are sent in. It is sent ahead of a
 * statement, in the same round trip (ADR 0026). It also notes how the work's first statement went, which tells
 * whether the work may be run again on another connection.
 *
 * <p>Outside a transaction (a reading, work of one statement) the set-up and the statement are wrapped in a
 * {@code begin ... commit} of their own, read-only for a reading. pgjdbc may send a Sync between the statements of
 * one prepared statement (it does so before a statement it has described whose rows have no bounded size, to keep
 * its receive buffer from filling), which ends an implicit transaction: the statement would then run without the
 * set-up, as the login role. An explicit transaction outlives that Sync (ADR 0028).
 */
final class CallerSetUp {
    private static final String ACT_AS = """
            select set_config('role', ?, true),
                   set_config('request.jwt.claims', ?, true),
                   set_config('request.jwt.claim.sub', ?, true),
                   set_config('request.jwt.claim.role', ?, true),
                   set_config('statement_timeout', ?, true);
            """;

    private enum First { NOT_RUN, SUCCEEDED, FAILED }

    /**
     * Where the work's statements run: in the work's transaction, or each in a transaction of its own (work of one
     * statement, a reading's read-only statements).
     */
    private enum Scope {
        TRANSACTION("", ""),
        ONE_STATEMENT("begin;\n", ";\ncommit"),
        READING("begin read only;\n", ";\ncommit");

        private final String begin;
        private final String end;

        Scope(String begin, String end) {
            this.begin = begin;
            this.end = end;
        }
    }

    private final Scope scope;
    private final List<String> settings;
    private First first = First.NOT_RUN;

    private CallerSetUp(Scope scope, Caller caller, String statementTimeoutMillis) {
        this.scope = scope;
        this.settings = List.of(caller.role().dbName(), caller.claimsJson(), caller.subject().orElse(""),
                caller.role().dbName(), statementTimeoutMillis);
    }

    static CallerSetUp forTransaction(Caller caller, String statementTimeoutMillis) {
        return new CallerSetUp(Scope.TRANSACTION, caller, statementTimeoutMillis);
    }

    /** For work of one statement, which commits with it: a second statement is refused ({@link #admit}). */
    static CallerSetUp forOneStatement(Caller caller, String statementTimeoutMillis) {
        return new CallerSetUp(Scope.ONE_STATEMENT, caller, statementTimeoutMillis);
    }

    /** Each statement in a read-only transaction of its own: a write in a reading is refused. */
    static CallerSetUp forReading(Caller caller, String statementTimeoutMillis) {
        return new CallerSetUp(Scope.READING, caller, statementTimeoutMillis);
    }

    /**
     * Called before each statement of the work is prepared. Work of one statement may not run a second: that one
     * committed on its own, so the two would not be one transaction.
     */
    void admit() {
        if (scope == Scope.ONE_STATEMENT && first != First.NOT_RUN) {
            throw new IllegalStateException("Work of one statement ran a second one");
        }
    }

    /** {@code sql} with this set-up ahead of it, and the end of its own transaction after it if it has one. */
    String around(String sql) {
        return scope.begin + ACT_AS + sql + scope.end;
    }

    /** How many results come before the statement's own: the set-up's, and the {@code begin}'s if any. */
    int resultsAhead() {
        return ownsTransaction() ? 2 : 1;
    }

    /** Whether each statement runs in a transaction of its own, which a failure leaves open and aborted. */
    boolean ownsTransaction() {
        return scope != Scope.TRANSACTION;
    }

    /** How many parameters the set-up takes: those of the statement behind it come after them. */
    int parameters() {
        return settings.size();
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < settings.size(); i++) {
            statement.setString(i + 1, settings.get(i));
        }
    }

    /** Called once a statement of the work has run or failed; only the first one counts. */
    void ran(boolean succeeded) {
        if (first == First.NOT_RUN) {
            first = succeeded ? First.SUCCEEDED : First.FAILED;
        }
    }

    /**
     * Whether the work failed on its first statement: then nothing it did reached the database (the statement's
     * transaction did not commit, or it only read), and the work may run again.
     */
    boolean failedOnFirstStatement() {
        return first == First.FAILED;
    }
}
