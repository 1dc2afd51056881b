package dev.videogate.db;

import dev.videogate.api.ApiException;
import dev.videogate.api.DatabaseUnavailable;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.camel.Exchange;

/**
 * PostgreSQL out of reach (stopped, restarting, refusing connections, a connection dropped under a statement) rather
 * than a fault of ours or of an upstream: every answer that needs it is then 503 database_unavailable with Retry-After.
 * A failure is one when its causes hold a connection-level SQL error; whether the database is known to be down now is
 * the LISTEN connection's word ({@code longpoll/FinalStateListener}), for the answers that would not ask it themselves.
 */
public final class DatabaseOutage {

    public static final int RETRY_AFTER_SECONDS = DatabaseUnavailable.RETRY_AFTER_SECONDS;

    /**
     * Besides SQLSTATE class 08 (connection exception): the server shutting down (57P01 admin, 57P02 crash), starting
     * up (57P03) or full (53300). Not 57014: a statement cut by our own statement timeout is not an outage.
     */
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private final BooleanSupplier knownDown;

    /** @param knownDown true while the database is known to be out of reach */
    public DatabaseOutage(BooleanSupplier knownDown) {
        this.knownDown = knownDown;
    }

    /** The one answer while the database is out of reach. */
    public static ApiException answer() {
        return new DatabaseUnavailable();
    }

    /** Did this failure come from the database being out of reach? */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true; // HikariCP's "connection is not available", JDBC's connection errors
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || UNREACHABLE_STATES.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * For the routes: was the failure being handled the database's being out of reach? (Asked while an error clause is
     * chosen, when the failure is still the exchange's exception, and in the steps after, when it is the caught one.)
     */
    public boolean caused(Exchange exchange) {
        return causedBy(failureOf(exchange));
    }

    /**
     * For the error clauses of routes/01-answers.yaml that name network failures (a refused connection, a timeout): the
     * database's being out of reach is not what the failure was, so it is an upstream's. A refused connection to
     * PostgreSQL is 503 database_unavailable, not 502 upstream_unreachable.
     */
    public boolean ruledOut(Exchange exchange) {
        return !caused(exchange);
    }

    private static Throwable failureOf(Exchange exchange) {
        Throwable thrown = exchange.getException();
        return thrown != null ? thrown : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }

    public boolean knownDown() {
        return knownDown.getAsBoolean();
    }

    /** For the routes: 503 at once while the database is known to be down (nothing could be written). */
    public void refuseWhileDown() {
        if (knownDown()) {
            throw answer();
        }
    }
}
