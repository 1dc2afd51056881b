package dev.videogate.longpoll;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Holds GET /api/generate/{id}?poll=true on the Vert.x router instead of a worker thread: the caller is
 * parked as a callback in {@link GenerationWaiters}, and answered by the status route (direct:generation-status)
 * when PostgreSQL says the generation ended, or when the wait times out. Everything else goes to the route.
 */
public final class LongPollHandler implements Handler<RoutingContext> {

    private final ProducerTemplate template;
    private final GenerationWaiters waiters;
    private final long timeoutMs;

    public LongPollHandler(CamelContext camel, GenerationWaiters waiters, long timeoutMs) {
        this.template = camel.createProducerTemplate();
        this.waiters = waiters;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!"true".equalsIgnoreCase(ctx.request().getParam("poll"))) {
            ctx.next();
            return;
        }
        new Wait(ctx).begin();
    }

    /** One parked caller: answered exactly once, by the first of end-of-generation, timeout, or a final first look. */
    private final class Wait implements Runnable {
        private final RoutingContext ctx;
        private final String id;
        private final AtomicBoolean answered = new AtomicBoolean();
        private long timer = -1;

        Wait(RoutingContext ctx) {
            this.ctx = ctx;
            this.id = ctx.pathParam("id");
        }

        void begin() {
            waiters.add(id, this); // before the first look, so an end between look and wait is not missed
            timer = ctx.vertx().setTimer(Math.max(1, timeoutMs), t -> answer(true));
            ctx.response().closeHandler(v -> cancel());
            look(false);
        }

        @Override
        public void run() {
            answer(true);
        }

        /** Runs the status route on a worker; answers when the generation is final (or when told to anyway). */
        private void look(boolean answerAnyway) {
            ctx.vertx().<Exchange>executeBlocking(() -> template.send("direct:generation-status", this::request), false)
                    .onComplete(result -> {
                        Exchange exchange = result.succeeded() ? result.result() : null;
                        boolean done = exchange == null || exchange.getException() != null
                                || Boolean.TRUE.equals(exchange.getVariable("final")) || statusOf(exchange) != 200;
                        if ((done || answerAnyway) && answered.compareAndSet(false, true)) {
                            cancel();
                            write(exchange);
                        }
                    });
        }

        private void answer(boolean anyway) {
            if (!answered.get()) {
                look(anyway);
            }
        }

        private void request(Exchange exchange) {
            ctx.request().headers().forEach(h -> exchange.getMessage().setHeader(h.getKey(), h.getValue()));
            exchange.getMessage().setHeader("id", id);
        }

        private void cancel() {
            waiters.remove(id, this);
            if (timer >= 0) {
                ctx.vertx().cancelTimer(timer);
            }
        }

        private void write(Exchange exchange) {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (exchange == null || exchange.getException() != null) {
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end("{\"success\":false,\"error\":\"internal_error\",\"message\":\"The gateway failed to handle the request\"}");
                return;
            }
            ctx.response().setStatusCode(statusOf(exchange));
            ctx.response().putHeader("Content-Type", "application/json");
            Object retryAfter = exchange.getMessage().getHeader("Retry-After");
            if (retryAfter != null) {
                ctx.response().putHeader("Retry-After", retryAfter.toString());
            }
            ctx.response().end(exchange.getMessage().getBody(String.class));
        }

        private int statusOf(Exchange exchange) {
            Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            return code == null ? 200 : code;
        }
    }

}
