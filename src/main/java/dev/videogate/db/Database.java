package dev.videogate.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.videogate.config.Settings;
import dev.videogate.logging.SecretMask;
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
    private final byte[] readTokenKey;

    private Database(HikariDataSource pool, EmbeddedPostgres embedded, byte[] readTokenKey) {
        this.pool = pool;
        this.embedded = embedded;
        this.readTokenKey = readTokenKey;
    }

    public static Database open(Settings settings) {
        String schema = settings.text("app.db.schema", "public");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalStateException("app.db.schema: '" + schema + "' is not a plain lower-case SQL name");
        }
        EmbeddedPostgres embedded = null;
        String jdbcUrl;
        String ownerUser;
        String ownerPassword;
        String url = settings.optional("app.db.url").orElse(null);
        if (url == null) {
            embedded = startEmbedded(Path.of(settings.text("app.db.embedded-dir", "data/pg")));
            jdbcUrl = "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres"; // no ?user=: each pool names its own
            ownerUser = "postgres";
            ownerPassword = null;
        } else {
            JdbcTarget target = JdbcTarget.parse(url);
            jdbcUrl = target.jdbcUrl();
            ownerUser = settings.optional("app.db.user").orElse(target.user());
            ownerPassword = settings.optional("app.db.password").orElse(target.password());
        }
        RuntimeRole role;
        byte[] readTokenKey;
        // the configured role migrates, grants and reads the owner's secrets, then its connections close: routes never run as it
        try (HikariDataSource owner = pool("gateway-db-owner", jdbcUrl, ownerUser, ownerPassword, schema, 2, settings)) {
            migrate(owner, schema);
            role = RuntimeRole.prepare(owner, schema, ownerUser, ownerPassword,
                    settings.optional("app.db.runtime-user").orElse(null), settings.optional("app.db.runtime-password").orElse(null));
            readTokenKey = readTokenKey(owner);
        }
        SecretMask.remember(role.password()); // a password the bundle made is no setting: masked in logs all the same
        HikariDataSource runtime = pool("gateway-db", jdbcUrl, role.user(), role.password(), schema,
                (int) settings.number("app.db.pool-size", 10), settings);
        checkConnectsAs(runtime, role.user());
        LOG.info("Database: schema {} migrated as {}; the routes run as role {}", schema, ownerUser, role.user());
        return new Database(runtime, embedded, readTokenKey);
    }

    private static byte[] readTokenKey(DataSource owner) {
        try (java.sql.Connection c = owner.getConnection()) {
            return OwnerSecrets.bytes(c, "read-token");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("app.db: could not read the access-token key: " + e.getMessage(), e);
        }
    }

    /**
     * Every connection carries its limits: a statement may run app.db.statement-timeout-ms, a read from the
     * server may wait app.db.socket-timeout-ms, a connect app.db.connect-timeout-ms.
     */
    private static HikariDataSource pool(String name, String jdbcUrl, String user, String password, String schema,
                                         int size, Settings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setSchema(schema);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(5000);
        config.addDataSourceProperty("options", "-c statement_timeout=" + settings.number("app.db.statement-timeout-ms", 15_000));
        config.addDataSourceProperty("socketTimeout", String.valueOf(seconds(settings.number("app.db.socket-timeout-ms", 30_000))));
        config.addDataSourceProperty("connectTimeout", String.valueOf(seconds(settings.number("app.db.connect-timeout-ms", 5_000))));
        config.addDataSourceProperty("ApplicationName", "video-gateway");
        return new HikariDataSource(config);
    }

    /** A user named in the JDBC URL would win over the pool's: make sure the routes really run as the runtime role. */
    private static void checkConnectsAs(HikariDataSource runtime, String user) {
        try (java.sql.Connection c = runtime.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT current_user")) {
            rs.next();
            if (!user.equals(rs.getString(1))) {
                runtime.close();
                throw new IllegalStateException("app.db.url: connections log in as '" + rs.getString(1) + "', not as the runtime role '"
                        + user + "'; remove user= from the URL and set app.db.user instead");
            }
        } catch (java.sql.SQLException e) {
            runtime.close();
            throw new IllegalStateException("app.db: the runtime role '" + user + "' cannot connect: " + e.getMessage(), e);
        }
    }

    private static long seconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
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

    /** null when a connection answers within 2 s, else why not (readiness). */
    public String problem() {
        try (java.sql.Connection c = dataSource().getConnection()) {
            return c.isValid(2) ? null : "the database did not answer within 2 s";
        } catch (java.sql.SQLException e) {
            return "no database connection (" + e.getSQLState() + ")";
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The key access tokens are derived from (payment/ReadTokens), read once through the owner's connection. */
    public byte[] readTokenKey() {
        return readTokenKey.clone();
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
