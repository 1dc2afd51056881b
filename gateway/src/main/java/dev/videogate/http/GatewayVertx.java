package dev.videogate.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;

/**
 * The Vert.x instance platform-http runs on (bound in the registry, so camel-platform-http-main uses it instead
 * of making its own). It exists for the one moment Camel gives no hook for: creating the HTTP server. There we
 * answer requests Vert.x refuses before any router sees them (a request line over 4 KiB: 414, headers over
 * 8 KiB: 431, an unparsable request: 400) in the API's JSON, and run {@code beforeListen} so the front door's
 * handlers are in place before the port opens.
 */
public final class GatewayVertx extends VertxWrapper {

    private final Runnable beforeListen;
    private final int eventLoops;

    /** eventLoops: how many event loops serve HTTP (app.http.event-loops; each runs one server on the shared port). */
    public GatewayVertx(Vertx vertx, Runnable beforeListen, int eventLoops) {
        super((VertxInternal) vertx);
        this.beforeListen = beforeListen;
        this.eventLoops = eventLoops;
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        HttpServer server = ServerOnEveryLoop.create(delegate, options,
                o -> delegate.createHttpServer(o).invalidRequestHandler(GatewayVertx::refuseInvalid), eventLoops);
        beforeListen.run();
        return server;
    }

    private static void refuseInvalid(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        String what = cause instanceof TooLongFrameException && cause.getMessage() != null ? cause.getMessage() : "";
        request.response().putHeader("Connection", "close");
        if (what.startsWith("An HTTP line is larger than")) {
            JsonAnswers.error(request.response(), 414, "uri_too_long", "The request line is over 4096 bytes");
        } else if (what.startsWith("HTTP header is larger than")) {
            JsonAnswers.error(request.response(), 431, "headers_too_large", "The request headers are over 8192 bytes");
        } else {
            JsonAnswers.error(request.response(), 400, "invalid_request", "The request is not valid HTTP");
        }
    }
}
