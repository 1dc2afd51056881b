package dev.videogate.longpoll;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.apache.camel.support.service.ServiceSupport;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread per instance that LISTENs on PostgreSQL's generation_final channel (a trigger NOTIFYs it when
 * a generation ends, whichever instance recorded it) and wakes this instance's long-poll callers.
 * It is also how the bundle knows PostgreSQL is out of reach: from the moment its connection drops until it LISTENs
 * again ({@link #lost()}). It reconnects with backoff; once back, every held generation is read again (a NOTIFY sent
 * while it was away is lost) and the looks that could not read the database meanwhile are made again.
 */
public final class FinalStateListener extends ServiceSupport implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FinalStateListener.class);
    static final String CHANNEL = "generation_final";
    /** Pause before reconnect attempt n (the first at once: a dropped connection to a live server comes right back). */
    private static final long[] BACKOFF_MS = {0, 250, 500, 1000, 2000};

    private final DataSource dataSource;
    private final GenerationWaiters waiters;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile long lastListenedAt;
    private volatile long lostAt; // 0 while LISTENing (or before the first connection)
    private Thread thread;

    public FinalStateListener(DataSource dataSource, GenerationWaiters waiters) {
        this.dataSource = dataSource;
        this.waiters = waiters;
    }

    @Override
    protected void doStart() {
        running = true;
        thread = new Thread(this, "generation-final-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing is how we interrupt the blocking read
            }
        }
        if (thread != null) {
            thread.join(5000);
        }
    }

    @Override
    public void run() {
        int attempt = 0;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                attempt = 0;
                if (lostAt != 0) {
                    LOG.info("Listening on {} again after {} s without: held long-poll callers look again", CHANNEL,
                            (System.currentTimeMillis() - lostAt) / 1000);
                    lostAt = 0;
                    waiters.wakeAll(); // notifications may have been missed while we were away
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    lastListenedAt = System.currentTimeMillis();
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            waiters.wake(note.getParameter());
                        }
                    }
                    waiters.wakeRetries();
                }
            } catch (SQLException e) {
                if (running) {
                    if (lostAt == 0) {
                        lostAt = System.currentTimeMillis();
                        LOG.warn("Lost the {} listener connection ({}); reconnecting", CHANNEL, e.getMessage());
                    }
                    sleepQuietly(BACKOFF_MS[Math.min(attempt++, BACKOFF_MS.length - 1)]);
                }
            }
        }
    }

    /** True from the moment the LISTEN connection dropped until it LISTENs again: PostgreSQL is taken to be out of reach. */
    public boolean lost() {
        return lostAt != 0;
    }

    /** null while LISTENing (the loop comes round every second), else why not: long-poll callers would not be woken. */
    public String problem() {
        if (!running) {
            return "not started";
        }
        long since = lostAt;
        if (since != 0) {
            return "no LISTEN connection for " + (System.currentTimeMillis() - since) / 1000 + " s (database unreachable?)";
        }
        long quiet = System.currentTimeMillis() - lastListenedAt;
        return quiet < 5000 ? null : "no LISTEN connection for " + quiet / 1000 + " s (long-poll callers are not woken)";
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
