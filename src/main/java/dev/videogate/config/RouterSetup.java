package dev.videogate.config;

import dev.videogate.api.BodyLimitHandler;
import dev.videogate.longpoll.GenerationWaiters;
import dev.videogate.longpoll.LongPollHandler;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Adds the two handlers that must act before a route runs, on the platform-http Vert.x router:
 * the body size limit (a JSON 413) and the long-poll holder for GET /api/generate/{id}?poll=true.
 */
public final class RouterSetup implements ExtendedStartupListener {

    private final GenerationWaiters waiters;
    private final long longPollTimeoutMs;
    private final long maxBodyBytes;

    public RouterSetup(GenerationWaiters waiters, long longPollTimeoutMs, long maxBodyBytes) {
        this.waiters = waiters;
        this.longPollTimeoutMs = longPollTimeoutMs;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router is complete only once the HTTP server is up: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> VertxPlatformHttpRouter.SERVER_TYPE_SERVER.equals(r.getServerType()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("platform-http Vert.x router not found (camel.server.enabled?)"));
        BodyLimitHandler bodyLimit = new BodyLimitHandler(maxBodyBytes);
        router.route().order(-2).handler(bodyLimit);
        router.errorHandler(413, bodyLimit::tooLarge);
        router.route(HttpMethod.GET, "/api/generate/:id")
                .order(-1) // ahead of the route Camel registered for the same path
                .handler(new LongPollHandler(context, waiters, longPollTimeoutMs));
    }
}
