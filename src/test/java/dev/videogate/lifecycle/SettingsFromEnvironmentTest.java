package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.config.EnvironmentSettings;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayClient;
import dev.videogate.support.Json;
import dev.videogate.support.TestDatabase;
import dev.videogate.support.TestPaths;
import dev.videogate.support.TestSettings;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Operators set everything by environment in containers: a camel.server.*, a camel.component.* and an app.* key,
 * each given only as an environment variable to a bundle started as its own process, take effect.
 */
class SettingsFromEnvironmentTest {

    @Test
    void everyFileKeyHasAnEnvironmentName() throws Exception {
        assertEquals("CAMEL_SERVER_PORT", EnvironmentSettings.variableName("camel.server.port"));
        assertEquals("APP_POLL_INTERVAL_MS", EnvironmentSettings.variableName("app.poll.interval-ms"));
        Properties system = new Properties();
        system.setProperty("app.poll.interval-ms", "7");
        Properties set = EnvironmentSettings.from(Map.of("CAMEL_SERVER_PORT", "18080", "APP_POLL_INTERVAL_MS", "9", "APP_NOT_A_KEY", "1",
                "CAMEL_COMPONENT_HTTP_CONNECT_TIMEOUT", "1234"), Path.of("application.properties"), system);
        assertEquals("18080", set.getProperty("camel.server.port"));
        assertEquals("1234", set.getProperty("camel.component.http.connect-timeout"));
        assertEquals(null, set.getProperty("app.poll.interval-ms"), "a -D system property beats the environment");
        assertEquals(2, set.size(), "only keys the file has: " + set);
    }

    @Test
    void theStartLogNamesTheSeedsVariablesAndKeysTheFileLacks() {
        assertEquals(new java.util.TreeSet<>(java.util.List.of("APP_MODELS_VEO3_ENABLED", "DATABASE_URL", "KIE_AI_API_KEY")),
                EnvironmentSettings.otherVariablesRead(Map.of("KIE_AI_API_KEY", "k", "DATABASE_URL", "postgres://x/y",
                        "APP_MODELS_VEO3_ENABLED", "false", "CAMEL_SERVER_PORT", "1", "HOME", "/root"), Path.of("application.properties")));
    }

    @Test
    void aBundleConfiguredOnlyByEnvironment() throws Exception {
        int port = TestSettings.freePort();
        Path log = TestPaths.output("settings-from-environment.log");
        try (TestDatabase db = new TestDatabase()) {
            ProcessBuilder bundle = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "dev.videogate.GatewayMain")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = bundle.environment();
            env.put("CAMEL_SERVER_PORT", String.valueOf(port));
            env.put("CAMEL_SERVER_HOST", "127.0.0.1");
            env.put("CAMEL_MAIN_NAME", "settings-from-env");
            env.put("CAMEL_COMPONENT_HTTP_CONNECT_TIMEOUT", "4321");
            env.put("APP_REQUEST_MAX_PROMPT_LENGTH", "20");
            env.put("APP_PUBLIC_BASE_URL", "http://127.0.0.1:" + port);
            env.put("APP_KIE_SANDBOX", "true");
            env.put("APP_X402_ENABLED", "false");
            env.put("APP_DB_URL", db.jdbcUrl());
            env.put("APP_DB_USER", db.user());
            env.put("APP_DB_SCHEMA", db.schema());
            Process process = bundle.start();
            try {
                GatewayClient gateway = new GatewayClient(port);
                Await.until("the bundle answers on CAMEL_SERVER_PORT", Duration.ofSeconds(60), () -> {
                    try {
                        return gateway.get("/api/models").statusCode() == 200;
                    } catch (java.io.IOException notYet) {
                        return false;
                    }
                }, () -> Files.readString(log));
                HttpResponse<String> tooLong = gateway.post("/api/generate", Json.request("a prompt longer than twenty characters"));
                assertEquals(400, tooLong.statusCode(), tooLong.body());
                assertTrue(tooLong.body().contains("at most 20"), "APP_REQUEST_MAX_PROMPT_LENGTH took effect: " + tooLong.body());
                String started = Files.readString(log);
                assertTrue(started.contains("camel.component.http.connect-timeout"), "CAMEL_COMPONENT_* taken: " + started);
                assertTrue(!started.contains("4321"), "values are never logged");
            } finally {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }
}
