package dev.videogate.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a request whose declared body is over the limit before anything reads it, with our JSON error
 * (Vert.x's own 413, for chunked bodies that grow too big, is rewritten the same way).
 */
public final class BodyLimitHandler implements Handler<RoutingContext> {

    private final long maxBytes;

    public BodyLimitHandler(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBytes) {
                    tooLarge(ctx);
                    return;
                }
            } catch (NumberFormatException e) {
                JsonAnswers.error(ctx.response(), 400, "invalid_request", "Content-Length is not a number");
                return;
            }
        }
        ctx.next();
    }

    public void tooLarge(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        JsonAnswers.error(ctx.response(), 413, "body_too_large", "The request body is over " + maxBytes + " bytes");
    }
}
