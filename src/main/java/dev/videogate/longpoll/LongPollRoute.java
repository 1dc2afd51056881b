package dev.videogate.longpoll;

import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/** Mounts {@link LongPollHandler} on the platform-http Vert.x router, ahead of the Camel status route. */
public final class LongPollRoute implements ExtendedStartupListener {

    private final GenerationWaiters waiters;
    private final long timeoutMs;

    public LongPollRoute(GenerationWaiters waiters, long timeoutMs) {
        this.waiters = waiters;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the router exists only once the HTTP server is up: see onCamelContextFullyStarted
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        VertxPlatformHttpRouter router = context.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> VertxPlatformHttpRouter.SERVER_TYPE_SERVER.equals(r.getServerType()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("platform-http Vert.x router not found (camel.server.enabled?)"));
        router.route(HttpMethod.GET, "/api/generate/:id")
                .order(-1) // before the route Camel registered for the same path
                .handler(new LongPollHandler(context, waiters, timeoutMs));
    }
}
