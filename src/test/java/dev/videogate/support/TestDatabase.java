package dev.videogate.support;

import dev.videogate.db.RuntimeRoleName;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh schema on the machine's PostgreSQL (127.0.0.1:5432, database test; TEST_DB_URL overrides) for one
 * test class, dropped afterwards. Several gateways may share it, as two instances share a database.
 */
public final class TestDatabase implements AutoCloseable {

    private final String url;
    private final String user;
    private final String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    public TestDatabase() {
        this(System.getenv().getOrDefault("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getenv().getOrDefault("TEST_DB_USER", "postgres"));
    }

    /** A schema on another server or database, e.g. {@link OwnPostgres}, which a test may stop and start (the user may
     * create roles, and logs in without a password). */
    public TestDatabase(String url, String user) {
        this.url = url;
        this.user = user;
    }

    public String jdbcUrl() {
        return url;
    }

    public String user() {
        return user;
    }

    public String schema() {
        return schema;
    }

    /** The role the bundle makes for this schema (db/RuntimeRoleName). */
    public String runtimeRole() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return RuntimeRoleName.of(rs.getString(1), schema);
        }
    }

    public List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    public long count(String sql, Object... args) throws SQLException {
        return ((Number) rows(sql, args).get(0).values().iterator().next()).longValue();
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, null);
        c.setSchema(schema);
        return c;
    }

    @Override
    public void close() throws SQLException {
        String role = runtimeRole();
        try (Connection c = DriverManager.getConnection(url, user, null); Statement st = c.createStatement()) {
            dropSchema(st);
            // the runtime role the bundle made for this schema
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                if (!rs.next()) {
                    return;
                }
            }
            st.execute("DROP OWNED BY " + role);
            st.execute("DROP ROLE " + role);
        }
    }

    /**
     * The bundle of a per-class test may still be running its Quartz jobs when the class ends: a job's row locks and
     * the DROP's exclusive lock can deadlock, and PostgreSQL then cancels one of them. The DROP is tried again.
     */
    private void dropSchema(Statement st) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
