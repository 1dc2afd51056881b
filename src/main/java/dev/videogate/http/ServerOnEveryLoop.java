package dev.videogate.http;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The HTTP server platform-http makes, on more than one event loop. One Vert.x HttpServer serves every connection on
 * the single event loop it was started on, so the front door and the long-poll answers would use one core
 * however many the machine has. Camel creates one server, sets its router and listens; this stand-in does the same
 * and then starts further servers with the same router on the same host and port, each on an event loop of its own:
 * Vert.x shares the port among them and hands new connections to each in turn.
 */
final class ServerOnEveryLoop implements InvocationHandler {

    private final VertxInternal vertx;
    private final HttpServer primary;
    private final Function<HttpServerOptions, HttpServer> newServer;
    private final HttpServerOptions options;
    private final int loops;
    private final List<HttpServer> others = new ArrayList<>();
    private Handler<HttpServerRequest> requestHandler;

    private ServerOnEveryLoop(VertxInternal vertx, HttpServerOptions options, Function<HttpServerOptions, HttpServer> newServer, int loops) {
        this.vertx = vertx;
        this.options = options;
        this.newServer = newServer;
        this.primary = newServer.apply(options);
        this.loops = loops;
    }

    /** A server that looks like one HttpServer to Camel and listens on {@code loops} event loops (1: just one). */
    static HttpServer create(VertxInternal vertx, HttpServerOptions options, Function<HttpServerOptions, HttpServer> newServer, int loops) {
        ServerOnEveryLoop handler = new ServerOnEveryLoop(vertx, options, newServer, Math.max(1, loops));
        return (HttpServer) Proxy.newProxyInstance(HttpServer.class.getClassLoader(), new Class<?>[] {HttpServer.class}, handler);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("requestHandler") && args != null && args.length == 1) {
            requestHandler = (Handler<HttpServerRequest>) args[0];
            primary.requestHandler(requestHandler);
            return proxy;
        }
        if (name.equals("listen") && args != null && args.length == 3 && args[2] instanceof Handler<?> done) {
            // Camel's call: listen(port, host, handler). Port 0 (any free port) becomes -1 when there are several
            // servers: Vert.x shares a port it picks only among servers that asked for the same negative port.
            String host = (String) args[1];
            int port = (Integer) args[0] == 0 && loops > 1 ? -1 : (Integer) args[0];
            primary.listen(port, host, result -> {
                if (result.failed()) {
                    ((Handler<AsyncResult<HttpServer>>) done).handle(result);
                    return;
                }
                listenOthers(host, port).onComplete(others ->
                        ((Handler<AsyncResult<HttpServer>>) done).handle(others.succeeded()
                                ? Future.succeededFuture((HttpServer) proxy) : Future.failedFuture(others.cause())));
            });
            return proxy;
        }
        if (name.equals("close")) {
            List<HttpServer> closing;
            synchronized (others) {
                closing = List.copyOf(others);
                others.clear();
            }
            closing.forEach(HttpServer::close);
        }
        try {
            Object result = method.invoke(primary, args);
            return result == primary ? proxy : result;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The further servers, each started from a fresh event-loop context so that each runs on a loop of its own. */
    private Future<Void> listenOthers(String host, int port) {
        List<Future<?>> started = new ArrayList<>();
        for (int i = 1; i < loops; i++) {
            Context loop = vertx.createEventLoopContext();
            Promise<Void> listening = Promise.promise();
            loop.runOnContext(v -> {
                HttpServer server = newServer.apply(new HttpServerOptions(options)).requestHandler(requestHandler);
                synchronized (others) {
                    others.add(server);
                }
                server.listen(port, host).<Void>mapEmpty().onComplete(listening);
            });
            started.add(listening.future());
        }
        return Future.all(started).mapEmpty();
    }
}
