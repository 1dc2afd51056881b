package dev.videogate.http;

import dev.videogate.api.ApiException;
import dev.videogate.api.SafeText;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.generation.GenerateRequests;
import dev.videogate.generation.Generation;
import dev.videogate.generation.HostLookups;
import dev.videogate.generation.MediaUrls;
import dev.videogate.payment.X402Payments;
import dev.videogate.x402.X402Headers;
import io.vertx.core.Context;
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
 *
 * <p>Nothing here waits: a URL whose host name has no known answer yet (image_urls, webhookUrl) makes the check stop
 * with {@link HostLookups.Pending}; the name is looked up off the event loop (bounded in time and in number), and the
 * request is checked again on its event loop once the answer is in. No answer in time: 503 url_check_unavailable.
 */
public final class ChallengeHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ChallengeHandler.class);
    private static final int MAX_KEPT = 1024;
    /** Checks of one request at most: one per host name it may name (image URLs and a webhook), and then some. */
    private static final int MAX_CHECKS = 8;

    private final GenerateRequests requests;
    private final X402Payments payments;
    private final HostLookups lookups;
    private final long maxBodyBytes;
    private final DatabaseOutage outage;
    private final Map<String, Challenge> kept = new ConcurrentHashMap<>();

    private record Challenge(int status, String paymentRequired, Buffer body) {
    }

    public ChallengeHandler(GenerateRequests requests, X402Payments payments, HostLookups lookups, long maxBodyBytes, DatabaseOutage outage) {
        this.requests = requests;
        this.payments = payments;
        this.lookups = lookups;
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
        Context loop = ctx.vertx().getOrCreateContext();
        readBody(ctx.request(), ctx.response(), body -> answer(loop, ctx.response(), body.toString(), 1));
    }

    /** Checks the request (the check number {@code check} of this request) and answers it, unless a host lookup is pending. */
    private void answer(Context loop, HttpServerResponse response, String body, int check) {
        if (response.ended() || response.closed()) {
            return; // the caller left while a host name was looked up
        }
        if (outage.knownDown()) {
            refuse(response, DatabaseOutage.answer());
            return;
        }
        Generation generation;
        try {
            generation = requests.parse(body);
        } catch (HostLookups.Pending pending) {
            lookUp(loop, response, body, check, pending);
            return;
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

    /** Looks the pending host up off the event loop; back on it, checks the request again or answers why it cannot. */
    private void lookUp(Context loop, HttpServerResponse response, String body, int check, HostLookups.Pending pending) {
        if (check >= MAX_CHECKS) { // answers are kept for seconds: only a flood of names evicting them gets here
            refuse(response, MediaUrls.refusal(pending.field(), pending.host(), HostLookups.Outcome.BUSY));
            return;
        }
        lookups.lookup(pending.host()).thenAccept(outcome -> loop.runOnContext(v -> {
            if (outcome.kept()) {
                answer(loop, response, body, check + 1); // the answer is kept now: the check goes past this host
            } else if (!response.ended() && !response.closed()) {
                refuse(response, MediaUrls.refusal(pending.field(), pending.host(), outcome));
            }
        }));
    }

    private Challenge challenge(Generation generation) {
        ApiException answer = payments.unpaid(generation);
        return new Challenge(answer.status(), answer.headers().get(X402Headers.PAYMENT_REQUIRED), Buffer.buffer(answer.answerBody().toString()));
    }

    /** The same JSON error the route's error policy gives for a refused request. */
    private static void refuse(HttpServerResponse response, ApiException refused) {
        if (refused.worthLogging()) {
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
