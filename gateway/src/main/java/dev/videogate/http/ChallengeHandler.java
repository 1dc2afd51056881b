package dev.videogate.http;

import dev.videogate.api.ApiException;
import dev.videogate.api.SafeText;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.generation.GenerateRequests;
import dev.videogate.generation.Generation;
import dev.videogate.payment.X402Payments;
import dev.videogate.x402.X402Headers;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/generate without a payment, answered on the event loop: the 402 challenge for exactly what was asked,
 * or the refusal of a request the catalog does not take. No database, no worker thread, no JSON built per request:
 * the challenge is the one the route's payment gate would give (X402Payments.unpaid), kept per (model, options,
 * price), so a given price is the same bytes every time. Nothing is written and nothing upstream is called on this
 * path, as on the route's. A request with a payment or an Idempotency-Key, or with payment off, goes on to the route
 * untouched (its body is not read here). While PostgreSQL is known to be out of reach, the answer is the route's
 * too: 503 database_unavailable (a payment made now could not be taken).
 */
public final class ChallengeHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeHandler.class);
    private static final int MAX_KEPT = 1024;

    private final GenerateRequests requests;
    private final X402Payments payments;
    private final long maxBodyBytes;
    private final DatabaseOutage outage;
    private final Map<String, Challenge> kept = new ConcurrentHashMap<>();

    private record Challenge(int status, String paymentRequired, Buffer body) {
    }

    public ChallengeHandler(GenerateRequests requests, X402Payments payments, long maxBodyBytes, DatabaseOutage outage) {
        this.requests = requests;
        this.payments = payments;
        this.maxBodyBytes = maxBodyBytes;
        this.outage = outage;
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap headers = ctx.request().headers();
        if (!payments.enabled() || headers.contains(X402Headers.PAYMENT_SIGNATURE) || headers.contains(X402Headers.X_PAYMENT)
                || headers.contains("Idempotency-Key")) {
            ctx.next();
            return;
        }
        readBody(ctx.request(), ctx.response(), body -> answer(ctx.response(), body));
    }

    private void answer(HttpServerResponse response, Buffer body) {
        if (outage.knownDown()) {
            refuse(response, DatabaseOutage.answer());
            return;
        }
        Generation generation;
        try {
            generation = requests.parse(body.toString());
        } catch (ApiException refused) {
            refuse(response, refused);
            return;
        }
        String key = generation.model() + '\n' + generation.options() + '\n' + generation.priceUsd().toPlainString();
        Challenge challenge = kept.get(key);
        if (challenge == null) {
            challenge = challenge(generation);
            if (kept.size() >= MAX_KEPT) {
                kept.clear(); // prices are few; a flood of distinct requests only costs rebuilding
            }
            kept.put(key, challenge);
        }
        response.setStatusCode(challenge.status())
                .putHeader("Content-Type", "application/json")
                .putHeader(X402Headers.PAYMENT_REQUIRED, challenge.paymentRequired())
                .end(challenge.body());
    }

    private Challenge challenge(Generation generation) {
        ApiException answer = payments.unpaid(generation);
        return new Challenge(answer.status(), answer.headers().get(X402Headers.PAYMENT_REQUIRED), Buffer.buffer(answer.answerBody().toString()));
    }

    /** The same JSON error the route's error policy gives for a refused request. */
    private static void refuse(HttpServerResponse response, ApiException refused) {
        if (refused.status() >= 500) {
            LOG.warn("POST /api/generate answered {} {}: {}", refused.status(), refused.code(), SafeText.of(refused.getMessage(), 300));
        }
        refused.answerHeaders().forEach(response::putHeader);
        response.setStatusCode(refused.status()).putHeader("Content-Type", "application/json").end(refused.answerBody().toString());
    }

    /** The whole body, at most maxBodyBytes (the front door already refused a larger Content-Length). */
    private void readBody(HttpServerRequest request, HttpServerResponse response, Handler<Buffer> then) {
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (!tooLarge[0] && body.length() + chunk.length() > maxBodyBytes) {
                tooLarge[0] = true;
                response.putHeader("Connection", "close");
                JsonAnswers.error(response, 413, "body_too_large", "The request body is over " + maxBodyBytes + " bytes");
            } else if (!tooLarge[0]) {
                body.appendBuffer(chunk);
            }
        });
        request.exceptionHandler(e -> LOG.debug("POST /api/generate body not read: {}", e.toString()));
        request.endHandler(v -> {
            if (!tooLarge[0]) {
                then.handle(body);
            }
        });
        request.resume(); // the router paused the request for a body handler; this handler reads it
    }
}
