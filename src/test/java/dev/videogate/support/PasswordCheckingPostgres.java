package dev.videogate.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A PostgreSQL server of the test's own (the embedded one the bundle ships with) that checks passwords: postgres, the
 * owner, logs in without one (as on a server set up with trust for the admin), every other role only by its SCRAM
 * password. The machine's server trusts everyone, so it cannot show which password opens a role.
 */
public final class PasswordCheckingPostgres implements AutoCloseable {

    private static final String HBA = """
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final Path dir;
    private final EmbeddedPostgres server;

    private PasswordCheckingPostgres(Path dir, EmbeddedPostgres server) {
        this.dir = dir;
        this.server = server;
    }

    public static PasswordCheckingPostgres start() throws IOException {
        Path dir = Files.createTempDirectory("gateway-pg-");
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(true)
                .setDataDirectoryCustomizer(data -> {
                    try {
                        Files.writeString(data.toPath().resolve("pg_hba.conf"), HBA);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .start();
        return new PasswordCheckingPostgres(dir, server);
    }

    /** A new database on this server, as a second deployment would have. */
    public String createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        server.close(); // with setCleanDataDirectory, closing removes the data
        Files.deleteIfExists(dir);
    }
}
