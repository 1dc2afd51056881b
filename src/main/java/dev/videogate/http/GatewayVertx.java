package dev.videogate.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;
import java.util.concurrent.TimeUnit;

/**
 * The Vert.x instance platform-http runs on (bound in the registry, so camel-platform-http-main uses it instead
 * of making its own). It exists for the one moment Camel gives no hook for: creating the HTTP server. There we
 * answer requests Vert.x refuses before any router sees them (a request line over 4 KiB: 414, headers over
 * 8 KiB: 431, an unparsable request: 400) in the API's JSON, put the {@link ConnectionDeadlines} on every connection,
 * and run {@code beforeListen} so the front door's handlers are in place before the port opens. The servers speak
 * HTTP/1.x only: h2c (cleartext HTTP/2, by upgrade or prior knowledge) is off, as its connections would escape the
 * deadlines; a client that offers the upgrade is answered in HTTP/1.1.
 */
public final class GatewayVertx extends VertxWrapper {

    private final Runnable beforeListen;
    private final int eventLoops;
    private final ConnectionDeadlines deadlines;

    /**
     * eventLoops: how many event loops serve HTTP (app.http.event-loops; each runs one server on the shared port);
     * deadlines: what a client has to send in how long (app.http.header-/body-/idle-timeout-ms).
     */
    public GatewayVertx(Vertx vertx, Runnable beforeListen, int eventLoops, ConnectionDeadlines deadlines) {
        super((VertxInternal) vertx);
        this.beforeListen = beforeListen;
        this.eventLoops = eventLoops;
        this.deadlines = deadlines;
    }

    /**
     * The Vert.x options: its worker pool (the route steps), and the blocked-thread checker, which warns, with the
     * blocked thread's stack, when an event loop runs one task longer than maxEventLoopExecuteMs (nothing that waits may
     * run there: no DNS, JDBC, file or HTTP call), looking every blockedThreadCheckMs.
     */
    public static VertxOptions options(int workerThreads, long maxEventLoopExecuteMs, long blockedThreadCheckMs) {
        return new VertxOptions()
                .setWorkerPoolSize(workerThreads)
                .setMaxEventLoopExecuteTime(maxEventLoopExecuteMs)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(maxEventLoopExecuteMs) // the culprit's stack from the first warning on
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(blockedThreadCheckMs)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
    }

    @Override
    public HttpServer createHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
        HttpServer server = ServerOnEveryLoop.create(delegate, options,
                o -> delegate.createHttpServer(o).invalidRequestHandler(GatewayVertx::refuseInvalid).connectionHandler(this::onConnection),
                eventLoops);
        beforeListen.run();
        return server;
    }

    private void onConnection(io.vertx.core.http.HttpConnection connection) {
        deadlines.install(connection);
        AnswerRecorder.install(connection); // tests only: off unless its system property is set
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
