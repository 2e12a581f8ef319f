package dev.pillar.storage.adapters.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The pool's connections as DbClient gets them: each carries the {@link CallerSetUp} of the work it was handed out
 * for and sends it in the same round trip as a statement (ADR 0026). On an autocommit connection (a reading, work of
 * one statement) every statement runs in a transaction of its own with the set-up (ADR 0028); in a transaction, its
 * first statement carries the set-up.
 * The work binds its set-up to its thread while it runs ({@link #actingAs}); a connection asked for without one is
 * refused, so no statement runs as the login role. The set-up is dropped when the connection goes back to the pool;
 * it set nothing that outlives its transaction, after which the connection acts as anon ({@link ConnectionPool}).
 */
final class ActingConnections {
    private final DataSource pool;
    private final ThreadLocal<CallerSetUp> pending = new ThreadLocal<>();

    ActingConnections(DataSource pool) {
        this.pool = pool;
    }

    /** Runs {@code work}, whose connections act as {@code setUp} says. */
    <T> T actingAs(CallerSetUp setUp, Supplier<T> work) {
        CallerSetUp outer = pending.get();
        pending.set(setUp);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                pending.remove();
            } else {
                pending.set(outer);
            }
        }
    }

    /** The supplier DbClient takes its connections from. */
    Connection connection() {
        CallerSetUp setUp = pending.get();
        if (setUp == null) {
            throw new IllegalStateException("A database connection was asked for outside any caller's work");
        }
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLException e) {
            throw new RlsTransactions.NoConnection(e);
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Acting(connection, setUp));
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A connection acting as one caller until it is closed. */
    private static final class Acting implements InvocationHandler {
        private final Connection connection;
        private CallerSetUp setUp;
        /** Whether the set-up ran in the transaction now open (never true in autocommit). */
        private boolean setUpInTransaction;

        Acting(Connection connection, CallerSetUp setUp) {
            this.connection = connection;
            this.setUp = setUp;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "prepareStatement" -> {
                    return prepare(method, args);
                }
                case "createStatement", "prepareCall" -> throw new SQLFeatureNotSupportedException(
                        "Statements acting as a caller are prepared statements");
                case "commit", "rollback" -> setUpInTransaction = false;
                case "setAutoCommit" -> setUpInTransaction &= !((Boolean) args[0]); // turning it on commits
                case "close" -> setUp = null;
                default -> {
                }
            }
            return call(method, connection, args);
        }

        private Object prepare(Method method, Object[] args) throws Throwable {
            if (setUp == null) {
                throw new SQLException("This connection was closed", "08003");
            }
            setUp.admit();
            if (setUpInTransaction) {
                return call(method, connection, args);
            }
            Object[] prefixed = args.clone();
            prefixed[0] = setUp.around((String) args[0]);
            PreparedStatement statement = (PreparedStatement) call(method, connection, prefixed);
            setUp.bind(statement);
            return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, new SetUpAhead(statement, setUp, this));
        }

        /** A statement carrying the set-up ran: in the work's transaction, the statements after it need none. */
        void setUpRan() {
            setUpInTransaction = !setUp.ownsTransaction();
        }

        /**
         * Ends the transaction of its own that a failed statement left open and aborted, so that the connection goes
         * back to the pool idle; a failure to do so (the connection is gone) goes with the statement's.
         */
        void endAborted(SQLException failure) {
            try (Statement rollback = connection.createStatement()) {
                rollback.execute("rollback");
            } catch (SQLException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * A statement behind the set-up: its parameters are numbered after the set-up's, and executing it skips the
     * set-up's result, so DbClient sees the statement's own.
     */
    private static final class SetUpAhead implements InvocationHandler {
        /** {@code setInt(index, …)} and the like: found once, not on every call of a statement's hot path. */
        private static final Set<Method> PARAMETER_SETTERS = Arrays.stream(PreparedStatement.class.getMethods())
                .filter(method -> method.getDeclaringClass() == PreparedStatement.class
                        && method.getName().startsWith("set") && method.getParameterCount() > 0
                        && method.getParameterTypes()[0] == int.class)
                .collect(Collectors.toUnmodifiableSet());
        private final PreparedStatement statement;
        private final CallerSetUp setUp;
        private final Acting connection;

        SetUpAhead(PreparedStatement statement, CallerSetUp setUp, Acting connection) {
            this.statement = statement;
            this.setUp = setUp;
            this.connection = connection;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (PARAMETER_SETTERS.contains(method)) {
                Object[] shifted = args.clone();
                shifted[0] = (Integer) args[0] + setUp.parameters();
                return call(method, statement, shifted);
            }
            return switch (method.getName()) {
                case "executeQuery" -> args == null ? executeQuery() : call(method, statement, args);
                case "executeUpdate" -> args == null ? executeUpdate() : call(method, statement, args);
                case "executeLargeUpdate" -> args == null ? (long) executeUpdate() : call(method, statement, args);
                case "execute" -> args == null ? execute() : call(method, statement, args);
                case "clearParameters" -> {
                    statement.clearParameters();
                    setUp.bind(statement);
                    yield null;
                }
                default -> call(method, statement, args);
            };
        }

        /** Runs the set-up and the statement in one round trip; leaves the statement's result current. */
        private boolean execute() throws SQLException {
            try {
                statement.execute();
                for (int result = 0; result < setUp.resultsAhead(); result++) {
                    statement.getMoreResults();
                }
            } catch (SQLException e) {
                setUp.ran(false);
                if (setUp.ownsTransaction()) {
                    connection.endAborted(e);
                }
                throw e;
            }
            setUp.ran(true);
            connection.setUpRan();
            return statement.getResultSet() != null;
        }

        private ResultSet executeQuery() throws SQLException {
            if (!execute()) {
                throw new SQLException("No results were returned by the query.", "02000");
            }
            return statement.getResultSet();
        }

        private int executeUpdate() throws SQLException {
            if (execute()) {
                throw new SQLException("A result was returned when none was expected.", "0100E");
            }
            return statement.getUpdateCount();
        }
    }
}
