package dev.videogate.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings every test bundle shares: loopback, its own schema, the simulator, payment off, a fast poller. */
public final class TestSettings {

    private TestSettings() {
    }

    public static Map<String, String> common(TestDatabase db, String kieUrl, String kieKey, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("camel.server.port", String.valueOf(port));
        settings.put("camel.server.host", "127.0.0.1");
        settings.put("camel.management.port", String.valueOf(freePortQuietly()));
        settings.put("camel.main.shutdown-timeout", "5");
        settings.put("app.public-base-url", "http://127.0.0.1:" + port);
        settings.put("app.db.url", db.jdbcUrl());
        settings.put("app.db.user", db.user());
        settings.put("app.db.schema", db.schema());
        settings.put("app.db.pool-size", "5");
        settings.put("app.kie.api-url", kieUrl);
        settings.put("app.kie.api-key", kieKey);
        settings.put("app.kie.sandbox", "false");
        settings.put("app.x402.enabled", "false"); // flow tests; payment tests turn it on with the local x402 network
        settings.put("app.poll.interval-ms", "200");
        // the simulator sets no create rate unless a test gives it one (then the test gives the bundle the same)
        settings.put("app.kie.create-rate", "1000");
        settings.put("app.kie.credits-refresh-ms", "0"); // each answer shows the balance after its own video
        settings.put("app.poll.grace-ms", "60000");
        settings.put("app.poll.backoff-base-ms", "300");
        settings.put("app.poll.backoff-max-ms", "1000");
        // own copies of result files: in a directory of this test bundle's own, from the simulator on loopback, fast
        settings.put("app.storage.local-dir", TestPaths.output("videos/" + db.schema()).toString());
        settings.put("app.storage.allow-insecure-origins", "true");
        settings.put("app.storage.interval-ms", "200");
        settings.put("app.storage.backoff-base-ms", "300");
        settings.put("app.storage.backoff-max-ms", "1000");
        // an event loop held 1 s (half Vert.x's default; not less: on a shared machine a ready thread may wait hundreds of
        // ms for a CPU) is reported with its stack within 100 ms, and EventLoopWatch fails the test
        settings.put("app.http.max-event-loop-execute-ms", "1000");
        settings.put("app.http.blocked-thread-check-ms", "100");
        return settings;
    }

    private static int freePortQuietly() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
