package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback hop in front of the Kie.ai simulator that passes createTask on (so the task really exists and is billed)
 * and then never answers it: the "task created, answer lost" fault. Every other call is passed through as is.
 */
public final class AnswerLosingKie implements AutoCloseable {

    private final String upstreamRoot;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<String> createdTaskIds = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final String onlyWhenRequestContains;

    /** @param upstreamRoot the simulator's root URL (http://127.0.0.1:PORT) */
    public AnswerLosingKie(String upstreamRoot) throws IOException {
        this(upstreamRoot, "");
    }

    /** Loses only the createTask answers whose request contains this text (e.g. a marker in the prompt). */
    public AnswerLosingKie(String upstreamRoot, String onlyWhenRequestContains) throws IOException {
        this.upstreamRoot = upstreamRoot;
        this.onlyWhenRequestContains = onlyWhenRequestContains;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The Kie.ai API base URL to give the gateway (same path as the simulator's). */
    public String baseUrl(String simulatorBaseUrl) {
        return simulatorBaseUrl.replace(upstreamRoot, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Task ids Kie.ai created whose answers were swallowed. */
    public List<String> createdTaskIds() {
        return createdTaskIds;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder forward = HttpRequest.newBuilder(URI.create(upstreamRoot + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (String name : List.of("Authorization", "Content-Type")) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    forward.header(name, value);
                }
            }
            HttpResponse<byte[]> answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (exchange.getRequestURI().getPath().endsWith("/jobs/createTask")
                    && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(onlyWhenRequestContains)) {
                JsonNode created = Json.parse(new String(answer.body()));
                createdTaskIds.add(created.at("/data/taskId").asText());
                released.await(); // the answer is lost: the caller times out (or is stopped) waiting for it
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
