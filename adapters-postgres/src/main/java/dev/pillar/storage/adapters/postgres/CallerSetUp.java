package dev.pillar.storage.adapters.postgres;

import dev.pillar.storage.application.access.Caller;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * What makes PostgreSQL act as one caller for one piece of work: role, JWT claims and statement timeout, set with
 * {@code set_config(..., true)} so that they end with the transaction they are sent in, and for a reading the
 * transaction made read-only. It is sent ahead of a statement, in the same round trip (ADR 0026). It also notes
 * how the work's first statement went, which tells whether the work may be run again on another connection.
 */
final class CallerSetUp {
    private static final String ACT_AS = """
            select set_config('role', ?, true),
                   set_config('request.jwt.claims', ?, true),
                   set_config('request.jwt.claim.sub', ?, true),
                   set_config('request.jwt.claim.role', ?, true),
                   set_config('statement_timeout', ?, true)""";
    private static final String FOR_TRANSACTION = ACT_AS + ";\n";
    private static final String FOR_READING = ACT_AS + ",\n       set_config('transaction_read_only', 'on', true);\n";

    private enum First { NOT_RUN, SUCCEEDED, FAILED }

    private final String prefix;
    private final boolean oneStatement;
    private final List<String> settings;
    private First first = First.NOT_RUN;

    private CallerSetUp(String prefix, boolean oneStatement, Caller caller, String statementTimeoutMillis) {
        this.prefix = prefix;
        this.oneStatement = oneStatement;
        this.settings = List.of(caller.role().dbName(), caller.claimsJson(), caller.subject().orElse(""),
                caller.role().dbName(), statementTimeoutMillis);
    }

    static CallerSetUp forTransaction(Caller caller, String statementTimeoutMillis) {
        return new CallerSetUp(FOR_TRANSACTION, false, caller, statementTimeoutMillis);
    }

    /** For work of one statement, which commits with it: a second statement is refused ({@link #admit}). */
    static CallerSetUp forOneStatement(Caller caller, String statementTimeoutMillis) {
        return new CallerSetUp(FOR_TRANSACTION, true, caller, statementTimeoutMillis);
    }

    /** Also makes each statement's transaction read-only: a write in a reading is refused. */
    static CallerSetUp forReading(Caller caller, String statementTimeoutMillis) {
        return new CallerSetUp(FOR_READING, false, caller, statementTimeoutMillis);
    }

    /**
     * Called before each statement of the work is prepared. Work of one statement may not run a second: that one
     * committed on its own, so the two would not be one transaction.
     */
    void admit() {
        if (oneStatement && first != First.NOT_RUN) {
            throw new IllegalStateException("Work of one statement ran a second one");
        }
    }

    /** {@code sql} with this set-up ahead of it: one statement of two, whose first result is the set-up's. */
    String aheadOf(String sql) {
        return prefix + sql;
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
