package dev.videogate.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A caller of the bundle's HTTP API on a loopback port. */
public class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;

    public GatewayClient(int port) {
        this.port = port;
    }

    public int port() {
        return port;
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
        return HTTP.send(getRequest(path), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return HTTP.send(getRequest(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path) {
        return HTTP.sendAsync(getRequest(path), HttpResponse.BodyHandlers.ofString());
    }

    public CompletableFuture<HttpResponse<String>> getAsync(String path, Map<String, String> headers) {
        return HTTP.sendAsync(getRequest(path, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest getRequest(String path) {
        return getRequest(path, Map.of());
    }

    private HttpRequest getRequest(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).GET();
        headers.forEach(request::header);
        return request.build();
    }
}
