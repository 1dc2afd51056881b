package dev.videogate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.impl.VertxInternal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** app.http.event-loops: the one server Camel sees answers on as many event loops as asked, on one port. */
class ServerOnEveryLoopTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoLoopsAnswerOnTwoThreads() throws Exception {
        Set<String> threads = answeringThreads(2);
        assertEquals(2, threads.size(), "threads that answered: " + threads);
    }

    @Test
    void oneLoopAnswersOnOneThread() throws Exception {
        Set<String> threads = answeringThreads(1);
        assertEquals(1, threads.size(), "threads that answered: " + threads);
    }

    /** Starts the server the way Camel does (requestHandler, listen(port, host, handler)); each new connection asks which thread answers. */
    private Set<String> answeringThreads(int loops) throws Exception {
        HttpServer server = ServerOnEveryLoop.create((VertxInternal) vertx, new HttpServerOptions(), vertx::createHttpServer, loops);
        server.requestHandler(request -> request.response().end(Thread.currentThread().getName()));
        CompletableFuture<HttpServer> listening = new CompletableFuture<>();
        server.listen(0, "127.0.0.1", result -> {
            if (result.succeeded()) {
                listening.complete(result.result());
            } else {
                listening.completeExceptionally(result.cause());
            }
        });
        int port = listening.get(10, TimeUnit.SECONDS).actualPort();
        assertTrue(port > 0);
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < 8; i++) { // a client of its own per request: a new connection each time, handed out in turn
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            threads.add(answer.body());
        }
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return threads;
    }
}
