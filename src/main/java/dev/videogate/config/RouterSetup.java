package dev.videogate.config;

import dev.videogate.http.FrontDoor;
import dev.videogate.longpoll.GenerationWaiters;
import dev.videogate.longpoll.LongPollHandler;
import dev.videogate.web.BrowsersOnTheApi;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

/**
 * Once every route is started, the long-poll holder for GET /api/generate/{id}?poll=true goes on the platform-http
 * Vert.x router ahead of the route (it passes on what it does not answer: a GET without poll=true). Then the front
 * door opens (until then it answers 503 JSON). A browser opening /api/generate is sent to the web page
 * (BrowsersOnTheApi); every other POST /api/generate runs its route: the 402 is the payment gate's step
 * (routes/15-payment.yaml), so whatever the YAML does before it applies to unpaid requests too.
 */
public final class RouterSetup implements ExtendedStartupListener {

    private final FrontDoor frontDoor;
    private final GenerationWaiters waiters;
    private final long longPollTimeoutMs;

    public RouterSetup(FrontDoor frontDoor, GenerationWaiters waiters, long longPollTimeoutMs) {
        this.frontDoor = frontDoor;
        this.waiters = waiters;
        this.longPollTimeoutMs = longPollTimeoutMs;
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
        // a browser that opens the paid endpoint is sent to the web page (programs are answered as before)
        router.route("/api/generate").order(-2).handler(new BrowsersOnTheApi());
        frontDoor.open();
    }
}
