package dev.videogate.payment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The x402 facilitator's HTTP API (POST /verify, POST /settle) with its own timeouts. A facilitator that
 * is down, slow or answers nonsense is a 503 for the payer: nothing was charged, no task was started.
 */
public final class FacilitatorClient {

    private final URI base;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final HttpClient http;

    public FacilitatorClient(URI base, Optional<String> authorization, Duration timeout) {
        this.base = base;
        this.authorization = authorization;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public String verify(ObjectNode body) {
        return post("verify", body);
    }

    public String settle(ObjectNode body) {
        return post("settle", body);
    }

    private String post(String operation, ObjectNode body) {
        String path = base.getPath().endsWith("/") ? operation : "/" + operation;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString() + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() >= 500 || answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw unavailable(operation, "answered HTTP " + answer.statusCode());
            }
            return answer.body();
        } catch (HttpTimeoutException e) {
            throw unavailable(operation, "did not answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw unavailable(operation, "could not be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(operation, "was interrupted");
        }
    }

    private static ApiException unavailable(String operation, String what) {
        return new ApiException(503, "payment_facilitator_unavailable",
                "The x402 facilitator " + what + " (" + operation + "); nothing was charged and no work was started, try again", 5);
    }
}
