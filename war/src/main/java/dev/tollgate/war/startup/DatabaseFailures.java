package dev.tollgate.war.startup;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tells a database that cannot be reached (an outage: wait and retry) from any other failure of the start-up (a
 * failed migration, an undecryptable signing key: fail), by the SQL state of the first {@link SQLException} among
 * the causes (SQL:2016 and PostgreSQL's codes).
 */
final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /**
     * @return whether {@code failure} (or one of its causes) says the database could not be reached or is not ready
     *     yet: SQL state class {@code 08} (connection exception), PostgreSQL's {@code 57P01}-{@code 57P03} (shutting
     *     down, crashed, starting up), or a transient or recoverable {@link SQLException} (a connection pool's wait
     *     timeout, a socket timeout)
     */
    static boolean unreachable(Throwable failure) {
        return firstSqlException(failure).map(DatabaseFailures::unreachable).orElse(false);
    }

    /** For a log line: the SQL state and class of the first SQLException among the causes, never its message. */
    static String describe(Throwable failure) {
        Optional<SQLException> sql = firstSqlException(failure);
        if (sql.isEmpty()) {
            return failure.getClass().getName();
        }
        String state = sql.get().getSQLState();
        return (state == null ? "no SQL state" : "SQL state " + state) + ", " + sql.get().getClass().getName();
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03"))) {
            return true;
        }
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException;
    }

    private static Optional<SQLException> firstSqlException(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null;
             cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
