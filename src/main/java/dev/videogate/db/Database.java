package dev.videogate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.videogate.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundle's PostgreSQL: the configured server through HikariCP, or an embedded one when no URL is
 * set (zero-setup default). Flyway brings the schema up to date before any route starts.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final EmbeddedPostgres embedded;
    private final String schema;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, String schema) {
        this.pool = pool;
        this.embedded = embedded;
        this.schema = schema;
    }

    public static Database open(Settings settings) {
        String schema = settings.text("app.db.schema", "public");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("app.db.schema: '" + schema + "' is not a plain lower-case SQL name");
        }
        int poolSize = (int) settings.number("app.db.pool-size", 10);
        EmbeddedPostgres embedded = null;
        HikariConfig config = new HikariConfig();
        String url = settings.optional("app.db.url").orElse(null);
        if (url == null) {
            embedded = startEmbedded(Path.of(settings.text("app.db.embedded-dir", "data/pg")));
            config.setJdbcUrl(embedded.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
        } else {
            JdbcTarget target = JdbcTarget.parse(url);
            config.setJdbcUrl(target.jdbcUrl());
            config.setUsername(settings.optional("app.db.user").orElse(target.user()));
            config.setPassword(settings.optional("app.db.password").orElse(target.password()));
        }
        config.setPoolName("gateway-db");
        config.setMaximumPoolSize(poolSize);
        config.setSchema(schema);
        config.setConnectionTimeout(5000);
        HikariDataSource pool = new HikariDataSource(config);
        migrate(pool, schema);
        return new Database(pool, embedded, schema);
    }

    private static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.toAbsolutePath())
                    .setCleanDataDirectory(false) // keep generations across restarts
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
            LOG.info("Embedded PostgreSQL started on port {} with data in {} (set app.db.url / DATABASE_URL to use your own server)",
                    pg.getPort(), dir.toAbsolutePath());
            return pg;
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start in " + dir.toAbsolutePath()
                    + " (another bundle using the same folder? set app.db.embedded-dir or app.db.url): " + e.getMessage(), e);
        }
    }

    private static void migrate(DataSource ds, String schema) {
        Flyway.configure()
                .dataSource(ds)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DataSource dataSource() {
        return pool;
    }

    public String schema() {
        return schema;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    /** Accepts a JDBC URL or the postgres://user:pass@host:port/db form that hosting platforms hand out. */
    record JdbcTarget(String jdbcUrl, String user, String password) {
        static JdbcTarget parse(String url) {
            if (url.startsWith("jdbc:")) {
                return new JdbcTarget(url, null, null);
            }
            if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
                URI uri = URI.create(url);
                String user = null;
                String password = null;
                if (uri.getUserInfo() != null) {
                    String[] parts = uri.getUserInfo().split(":", 2);
                    user = parts[0];
                    password = parts.length > 1 ? parts[1] : null;
                }
                int port = uri.getPort() > 0 ? uri.getPort() : 5432;
                String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
                return new JdbcTarget("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getPath() + query, user, password);
            }
            throw new IllegalStateException("app.db.url: expected jdbc:postgresql://... or postgres://..., got another scheme");
        }
    }
}
