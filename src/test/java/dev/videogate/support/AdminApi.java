package dev.videogate.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The operator endpoints (/api/admin/*) as a test calls them, with the admin token the test bundle is given. */
public final class AdminApi {

    public static final String TOKEN = "test-admin-token-0123456789abcdef";
    public static final Map<String, String> SETTINGS = Map.of("app.admin.token", TOKEN);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminApi() {
    }

    /** A call with the given bearer token (null = none) and JSON body (null = none). */
    public static HttpResponse<String> call(GatewayClient gateway, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
