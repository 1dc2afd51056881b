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
 */
public final class FinalStateListener extends ServiceSupport implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(FinalStateListener.class);
    static final String CHANNEL = "generation_final";

    private final DataSource dataSource;
    private final GenerationWaiters waiters;
    private volatile boolean running;
    private volatile Connection connection;
    private volatile long lastListenedAt;
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
        boolean reconnected = false;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (reconnected) {
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
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("Lost the generation_final listener connection ({}); reconnecting", e.getMessage());
                    reconnected = true;
                    sleepQuietly();
                }
            }
        }
    }

    /** null while LISTENing (the loop comes round every second), else why not: long-poll callers would not be woken. */
    public String problem() {
        if (!running) {
            return "not started";
        }
        long quiet = System.currentTimeMillis() - lastListenedAt;
        return quiet < 5000 ? null : "no LISTEN connection for " + quiet / 1000 + " s (long-poll callers are not woken)";
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
