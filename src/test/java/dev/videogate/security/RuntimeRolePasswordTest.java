package dev.videogate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.PasswordCheckingPostgres;
import dev.videogate.support.ProductionConsole;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runtime role's password, on a server that checks passwords and whose owner (postgres) has none: random, kept
 * where only the owner reads it, the same for every instance on one database (a restart does not lock the others
 * out), or the operator's, which is masked in every log line. Its name belongs to one database and schema, so a
 * second deployment on the server neither shares it nor resets its password.
 */
class RuntimeRolePasswordTest {

    static PasswordCheckingPostgres server;
    static KieSimulator kie;

    @BeforeAll
    static void start() throws Exception {
        server = PasswordCheckingPostgres.start();
        kie = new KieSimulator(SimulatorSettings.defaults().generationMillis(300)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kie != null) {
            kie.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyInstanceLogsInWithOneRandomPasswordNoOneCanCompute() throws Exception {
        String url = server.createDatabase("shared");
        TestDatabase db = new TestDatabase(url, "postgres");
        RunningGateway a = start(db, "a", Map.of());
        RunningGateway b = start(db, "b", Map.of());
        try {
            String role = runsAs(a);
            assertEquals(role, runsAs(b), "one role for the instances of one deployment");
            assertThrows(SQLException.class, () -> login(url, role, earlierDerivedPassword(role)).close(),
                    "the password earlier versions derived from the owner's (none here) does not open the role");

            String kept = ownerSecret(url, db.schema(), "runtime-password");
            assertTrue(kept.length() >= 40, "256 random bits: " + kept.length());
            try (Connection c = login(url, role, kept)) {
                assertTrue(c.isValid(2), "the password the owner keeps opens it");
            }

            a.close();
            a = start(db, "a", Map.of()); // a restart sets the same password again
            assertEquals(role, runsAs(a));
            assertEquals(kept, ownerSecret(url, db.schema(), "runtime-password"), "made once, not at every start");
            freshConnection(b); // the other instance still logs in
            freshConnection(a);
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void twoDeploymentsOnOneServerNeverShareARole() throws Exception {
        String firstUrl = server.createDatabase("first");
        String secondUrl = server.createDatabase("second");
        Map<String, String> sameSchema = Map.of("app.db.schema", "gateway");
        Map<String, String> operatorsPassword = new HashMap<>(sameSchema);
        operatorsPassword.put("app.db.runtime-password", "second-deployment-password");
        try (RunningGateway first = start(new TestDatabase(firstUrl, "postgres"), "first", sameSchema);
             RunningGateway second = start(new TestDatabase(secondUrl, "postgres"), "second", operatorsPassword)) {
            freshConnection(first); // the second deployment's start did not change the first one's password

            String firstRole = runsAs(first);
            String secondRole = runsAs(second);
            assertNotEquals(firstRole, secondRole, "same schema name, other database: another role");
            try (Connection c = login(secondUrl, secondRole, "second-deployment-password")) {
                assertTrue(c.isValid(2), "the operator's password opens the second deployment's role");
            }
            assertThrows(SQLException.class, () -> login(secondUrl, secondRole, "another-password").close());
            try (Connection c = login(secondUrl, firstRole, ownerSecret(firstUrl, "gateway", "runtime-password"));
                 Statement st = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> st.executeQuery("SELECT count(*) FROM gateway.generation"));
                assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
            }
        }
    }

    @Test
    void anOperatorsRuntimePasswordIsMaskedInTheLog() throws Exception {
        String secret = "runtime-" + UUID.randomUUID();
        String url = server.createDatabase("masked");
        List<String> lines;
        try (ProductionConsole console = ProductionConsole.open("text")) {
            try (RunningGateway gateway = start(new TestDatabase(url, "postgres"), "masked", Map.of("app.db.runtime-password", secret))) {
                try (Connection c = login(url, runsAs(gateway), secret)) {
                    assertTrue(c.isValid(2), "it is the role's password");
                }
            }
            lines = console.lines();
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains("app.db.runtime-password")),
                "Camel lists the setting at start (where it showed in clear)");
        assertFalse(lines.stream().anyMatch(line -> line.contains(secret)), "the password is in no line");
    }

    @Test
    void anEarlierVersionsRoleLosesItsRightsOnceNoneOfItsSessionsIsLeft() throws Exception {
        String url = server.createDatabase("upgraded");
        TestDatabase db = new TestDatabase(url, "postgres");
        start(db, "new", Map.of()).close(); // the tables
        String earlier = "gateway_" + db.schema();
        db.execute("CREATE ROLE " + earlier + " LOGIN PASSWORD 'earlier-password';"
                + " GRANT USAGE ON SCHEMA " + db.schema() + " TO " + earlier + ";"
                + " GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + db.schema() + " TO " + earlier);

        try (Connection stillRunning = login(url, earlier, "earlier-password")) {
            start(db, "new", Map.of()).close();
            assertEquals(0, count(stillRunning, "SELECT count(*) FROM " + db.schema() + ".generation"),
                    "an instance of the earlier version still connected keeps working");
        }
        start(db, "new", Map.of()).close();
        try (Connection c = login(url, earlier, "earlier-password"); Statement st = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> st.executeQuery("SELECT count(*) FROM " + db.schema() + ".generation"));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        }
    }

    private static RunningGateway start(TestDatabase db, String name, Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("camel.main.name", "video-gateway-" + name);
        return RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), settings);
    }

    private static String runsAs(RunningGateway gateway) throws SQLException {
        try (Connection c = pool(gateway).getConnection()) {
            return c.getMetaData().getUserName();
        }
    }

    /** A new login with what the instance's pool logs in with (its user and the password it was given at its start). */
    private static void freshConnection(RunningGateway gateway) throws SQLException {
        HikariDataSource pool = (HikariDataSource) pool(gateway);
        try (Connection c = DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + pool.getSchema() + ".generation")) {
            assertTrue(rs.next());
        }
    }

    private static DataSource pool(RunningGateway gateway) {
        return gateway.context().getRegistry().lookupByNameAndType("appDataSource", DataSource.class);
    }

    private static Connection login(String url, String role, String password) throws SQLException {
        return DriverManager.getConnection(url, role, password);
    }

    private static String ownerSecret(String url, String schema, String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM " + schema + ".owner_secret WHERE name = '" + name + "'")) {
            assertTrue(rs.next(), name);
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What versions before issue 17 set when the owner had no password: a constant anyone with the source computes. */
    private static String earlierDerivedPassword(String role) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("video-gateway:".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(role.getBytes(StandardCharsets.UTF_8)));
    }
}
