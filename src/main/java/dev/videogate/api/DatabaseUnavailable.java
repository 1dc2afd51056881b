package dev.videogate.api;

/**
 * 503 database_unavailable with Retry-After: PostgreSQL is out of reach (see {@code db/DatabaseOutage}). Thrown while
 * it is known to be down, and the answer routes/01-answers.yaml gives to a failure whose causes say so.
 */
public class DatabaseUnavailable extends ApiException {

    public static final int RETRY_AFTER_SECONDS = 5;

    public DatabaseUnavailable() {
        super(503, "database_unavailable", "The gateway's database is unavailable; try again in a few seconds", RETRY_AFTER_SECONDS);
    }

    /** For the error clauses in routes/01-answers.yaml. */
    public static DatabaseUnavailable answer() {
        return new DatabaseUnavailable();
    }
}
