package dev.videogate.security;

import org.apache.camel.BeanInject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.GatewayTest;
import dev.videogate.support.RunningGateway;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routes run as a role that can only read and write the bundle's own rows: no server programs or files,
 * no other schema, no DDL. Had the SQL hole stayed open, this is all a caller could have reached.
 */
class RuntimeRoleIsLeastPrivilegeTest extends GatewayTest {

    @BeanInject("appDataSource")
    DataSource pool;

    @Test
    void theRoutesRunAsThePlainRuntimeRole() throws Exception {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user")) {
            assertTrue(rs.next());
            assertEquals(db.runtimeRole(), rs.getString(1));
            assertFalse(rs.getBoolean(2), "not a superuser");
        }
        create("a lantern on a pier");
        assertEquals(1, rows(), "and it can do its job");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "COPY (SELECT 1) TO PROGRAM 'id'",
            "SELECT pg_read_file('/etc/passwd')",
            "COPY generation TO '/tmp/gateway-stolen.csv'",
            "SELECT * FROM %OTHER%.secret",
            "CREATE TABLE %SCHEMA%.evil (x int)",
            "DROP TABLE %SCHEMA%.generation",
            "ALTER TABLE %SCHEMA%.generation DISABLE TRIGGER ALL",
            "DELETE FROM %SCHEMA%.flyway_schema_history",
            "SELECT * FROM %SCHEMA%.owner_secret",
            "INSERT INTO %SCHEMA%.state_transition VALUES ('generation', 'completed', 'pending', 'intruder')",
            "UPDATE %SCHEMA%.state_transition SET to_state = 'pending' WHERE from_state = 'pending'",
            "DELETE FROM %SCHEMA%.state_transition",
            "TRUNCATE %SCHEMA%.state_transition",
            "ALTER TABLE %SCHEMA%.generation DISABLE TRIGGER generation_transition_is_legal",
            "SET session_replication_role = replica",
            "SELECT rolpassword FROM pg_authid",
            "CREATE ROLE intruder SUPERUSER",
    })
    void theRuntimeRoleIsRefused(String statement) throws Exception {
        String other = db.schema() + "_other";
        db.execute("CREATE SCHEMA IF NOT EXISTS " + other + "; CREATE TABLE IF NOT EXISTS " + other + ".secret (x int)");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.runtimeRole(), null); Statement st = c.createStatement()) {
            String sql = statement.replace("%SCHEMA%", db.schema()).replace("%OTHER%", other);
            SQLException refused = assertThrows(SQLException.class, () -> st.execute(sql), sql);
            assertTrue(refused.getMessage().contains("permission denied") || refused.getMessage().contains("must be")
                    || refused.getMessage().contains("must have") || refused.getMessage().contains("owner"), refused.getMessage());
        } finally {
            db.execute("DROP SCHEMA " + other + " CASCADE");
        }
    }

    @Test
    void theRuntimeRoleReadsTheLegalTransitionsItIsHeldTo() throws Exception {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.runtimeRole(), null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + db.schema() + ".state_transition")) {
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) > 0, "it reads the table its updates are checked against");
        }
    }

    @Test
    void aPrivilegedRuntimeRoleStopsTheStart() {
        Exception failure = assertThrows(Exception.class, () -> RunningGateway.start(db, kie.baseUrl(), kie.apiKey(),
                Map.of("app.db.runtime-user", "postgres")).close());
        String message = rootMessage(failure);
        assertTrue(message.contains("superuser") && message.contains("postgres"), message);
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
