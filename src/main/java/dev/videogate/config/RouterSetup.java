package dev.videogate.config;

import dev.videogate.http.ChallengeHandler;
import dev.videogate.http.FrontDoor;
import dev.videogate.longpoll.GenerationWaiters;
import dev.videogate.longpoll.LongPollHandler;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * Once every route is started, two handlers go on the platform-http Vert.x router ahead of the routes (each passes
 * on what it does not answer): the long-poll holder for GET /api/generate/{id}?poll=true, and the 402 challenge for
 * POST /api/generate without a payment (answered on the event loop). Then the front door opens (until then it
 * answers 503 JSON).
 */
public final class RouterSetup implements ExtendedStartupListener {

    private final FrontDoor frontDoor;
    private final GenerationWaiters waiters;
    private final long longPollTimeoutMs;
    private final ChallengeHandler challenges;

    public RouterSetup(FrontDoor frontDoor, GenerationWaiters waiters, long longPollTimeoutMs, ChallengeHandler challenges) {
        this.frontDoor = frontDoor;
        this.waiters = waiters;
        this.longPollTimeoutMs = longPollTimeoutMs;
        this.challenges = challenges;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router is complete only once the HTTP server is up: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        var router = FrontDoor.router(context);
        router.route(HttpMethod.GET, "/api/generate/:generationId")
                .order(-1) // ahead of the route Camel registered for the same path
                .handler(new LongPollHandler(context, waiters, longPollTimeoutMs));
        router.route(HttpMethod.POST, "/api/generate").order(-1).handler(challenges);
        frontDoor.open();
    }
}
