package dev.videogate.support;

import dev.videogate.GatewayMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real bundle (GatewayMain, application.properties, routes/*.yaml) on a free loopback port, against
 * the machine's PostgreSQL in a schema of the test's own and the project's Kie.ai simulator.
 */
public final class RunningGateway implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;

    private RunningGateway(Main main, int port) {
        this.main = main;
        this.port = port;
    }

    /** Settings every test shares; extra entries (e.g. app.poll.*) override them. */
    public static RunningGateway start(TestDatabase db, String kieUrl, String kieKey, Map<String, String> extra) throws Exception {
        int port = freePort();
        Properties props = new Properties();
        props.put("camel.server.port", String.valueOf(port));
        props.put("camel.server.host", "127.0.0.1");
        props.put("camel.main.shutdown-timeout", "5");
        props.put("app.public-base-url", "http://127.0.0.1:" + port);
        props.put("app.db.url", db.jdbcUrl());
        props.put("app.db.user", db.user());
        props.put("app.db.schema", db.schema());
        props.put("app.db.pool-size", "5");
        props.put("app.kie.api-url", kieUrl);
        props.put("app.kie.api-key", kieKey);
        props.put("app.kie.sandbox", "false");
        props.put("app.x402.enabled", "false"); // flow tests; payment tests turn it on with the local x402 network
        props.put("app.poll.interval-ms", "200");
        props.put("app.poll.grace-ms", "60000");
        props.put("app.poll.backoff-base-ms", "300");
        props.put("app.poll.backoff-max-ms", "1000");
        props.putAll(extra);
        Main main = GatewayMain.create(props);
        main.start();
        return new RunningGateway(main, port);
    }

    public int port() {
        return port;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, Map.of());
    }

    public HttpResponse<String> post(String path, String json, Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).GET().build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public java.util.concurrent.CompletableFuture<HttpResponse<String>> getAsync(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).GET().build();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        main.stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
