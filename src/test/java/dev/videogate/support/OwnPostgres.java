package dev.videogate.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own (the embedded one the bundle uses by default), which the test stops and starts
 * again on the same port and data directory: a real database outage and restart, without touching the machine's
 * shared server. Stopping is PostgreSQL's fast shutdown: open connections are ended, new ones refused until started.
 */
public final class OwnPostgres implements AutoCloseable {

    private final Path dir = TestPaths.output("own-pg-" + UUID.randomUUID().toString().substring(0, 8));
    private final int port;
    private EmbeddedPostgres server;

    public OwnPostgres() throws IOException {
        port = TestSettings.freePort();
        start();
    }

    /** A test database (a schema of its own) on this server. */
    public TestDatabase database() {
        return new TestDatabase(jdbcUrl(), "postgres");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public synchronized void start() throws IOException {
        if (server == null) {
            server = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dir).setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(30)).start();
        }
    }

    public synchronized void stop() throws IOException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized boolean running() {
        return server != null;
    }

    @Override
    public void close() throws IOException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
