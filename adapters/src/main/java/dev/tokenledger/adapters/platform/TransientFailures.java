package dev.tokenledger.adapters.platform;

import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import java.sql.SQLException;
import java.util.Set;

/**
 * Failures that say "not now" rather than "never": the database out of reach or out of connections, a lock not
 * granted in time, a serialization conflict. Nothing was stored; the same request succeeds when sent again.
 */
public final class TransientFailures {

    /** SQLSTATEs of lock timeouts and conflicts: PostgreSQL 55P03, 40001, 40P01; H2's lock timeout HYT00. */
    private static final Set<String> CONFLICTS = Set.of("55P03", "40001", "40P01", "HYT00");

    private static final String CLOSED_BY_POOL = "Connection is closed";

    private TransientFailures() {
    }

    /** The database is restarting, unreachable or has no free connection (SQLSTATE classes 08 and 57P0). */
    public static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotGetJdbcConnectionException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // HikariCP's stand-in for a connection the pool closed under a request carries no SQLSTATE: seen when
            // PostgreSQL restarted in the fault suite (a journal entry answered 500 instead of 503)
            if (t instanceof SQLException sql && sql.getSQLState() == null && CLOSED_BY_POOL.equals(sql.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Unavailable, or a lock or conflict that a later attempt gets past. */
    public static boolean isTransient(Throwable e) {
        if (databaseUnavailable(e)) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && CONFLICTS.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
