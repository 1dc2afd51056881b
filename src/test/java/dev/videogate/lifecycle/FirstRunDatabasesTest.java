package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayClient;
import dev.videogate.support.Json;
import dev.videogate.support.TestDatabase;
import dev.videogate.support.TestPaths;
import dev.videogate.support.TestSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The two databases a newcomer meets first, each with the bundle started as its own process and configured only by
 * environment, Kie.ai in sandbox and payment off: the zero-setup run (no database setting at all: an embedded
 * PostgreSQL) and a DATABASE_URL in the postgres://user:password@host/db form that hosting platforms hand out.
 * Each must start, answer, and write a generation to its database.
 */
class FirstRunDatabasesTest {

    @Test
    void databaseUrlInThePostgresFormWithAPassword() throws Exception {
        try (TestDatabase db = new TestDatabase()) {
            // the machine's server trusts loopback, so the password is not checked: it must still be parsed and accepted
            String databaseUrl = "postgres://postgres:not-the-real-pw@127.0.0.1:5432/test";
            Path log = TestPaths.output("first-run-database-url.log");
            Process bundle = start(log, Map.of("DATABASE_URL", databaseUrl, "APP_DB_SCHEMA", db.schema()));
            try {
                String id = generateAndWait(bundle, log);
                assertEquals(1, db.count("SELECT count(*) FROM generation WHERE id = '" + id + "' AND state = 'completed'"),
                        "the generation is in the schema on DATABASE_URL's server");
                assertTrue(!Files.readString(log).contains("not-the-real-pw"), "the URL's password is never logged");
            } finally {
                stop(bundle);
            }
        }
    }

    @Test
    void noDatabaseSettingsStartsAnEmbeddedPostgres() throws Exception {
        Path dir = TestPaths.output("first-run-embedded-pg-" + System.nanoTime());
        Path log = TestPaths.output("first-run-embedded.log");
        Process bundle = start(log, Map.of("APP_DB_EMBEDDED_DIR", dir.toString()));
        try {
            String id = generateAndWait(bundle, log);
            String started = Files.readString(log);
            Matcher port = Pattern.compile("Embedded PostgreSQL started on port (\\d+)").matcher(started);
            assertTrue(port.find(), "the log says the embedded server started: " + started);
            assertTrue(Files.exists(dir.resolve("postgresql.conf")), "its data is in app.db.embedded-dir " + dir);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port.group(1) + "/postgres", "postgres", null);
                 PreparedStatement st = c.prepareStatement(
                         "SELECT state, current_setting('data_directory') AS data FROM public.generation WHERE id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    assertTrue(rs.next(), "the generation row is in the embedded server");
                    assertEquals("completed", rs.getString("state"));
                    assertEquals(dir.toRealPath().toString(), Path.of(rs.getString("data")).toRealPath().toString(),
                            "the embedded server, not the machine's on 5432");
                }
            }
        } finally {
            stop(bundle);
        }
    }

    /** The bundle as its own process: no app.db.* unless given, Kie.ai in sandbox, payment off. */
    private static Process start(Path log, Map<String, String> extraEnv) throws IOException {
        int port = TestSettings.freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.videogate.GatewayMain")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("APP_DB_") || name.equals("DATABASE_URL"));
        env.put("CAMEL_SERVER_PORT", String.valueOf(port));
        env.put("CAMEL_SERVER_HOST", "127.0.0.1");
        env.put("CAMEL_MANAGEMENT_PORT", String.valueOf(TestSettings.freePort()));
        env.put("APP_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
        env.put("APP_KIE_SANDBOX", "true");
        env.put("APP_KIE_SANDBOX_GENERATION_MS", "500");
        env.put("APP_X402_ENABLED", "false");
        env.put("APP_STORAGE_LOCAL_DIR", TestPaths.output("first-run-videos-" + port).toString());
        env.putAll(extraEnv);
        Process process = builder.start();
        PORTS.put(process, port);
        return process;
    }

    private static final Map<Process, Integer> PORTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Waits for the bundle to answer, creates a generation, waits for it to complete; returns its id. */
    private static String generateAndWait(Process bundle, Path log) throws Exception {
        GatewayClient gateway = new GatewayClient(PORTS.get(bundle));
        Await.until("the bundle answers", Duration.ofSeconds(90), () -> {
            if (!bundle.isAlive()) {
                throw new AssertionError("the bundle stopped: " + Files.readString(log));
            }
            try {
                return gateway.get("/api/models").statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }, () -> Files.readString(log));
        HttpResponse<String> created = gateway.post("/api/generate", Json.request("A lighthouse at dusk"));
        assertEquals(200, created.statusCode(), created.body());
        String id = Json.parse(created.body()).get("generationId").asText();
        Await.until("the generation completed", Duration.ofSeconds(60), () -> {
            JsonNode status = Json.parse(gateway.get("/api/generate/" + id).body());
            return "completed".equals(status.path("state").asText());
        }, () -> Files.readString(log));
        return id;
    }

    private static void stop(Process bundle) throws InterruptedException {
        bundle.destroy();
        if (!bundle.waitFor(30, TimeUnit.SECONDS)) {
            bundle.destroyForcibly();
        }
        PORTS.remove(bundle);
    }
}
