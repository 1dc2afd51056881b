package dev.videogate.longpoll;

import dev.videogate.api.ApiException;
import dev.videogate.api.UnexpectedFailure;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.http.JsonAnswers;
import dev.videogate.siwx.SignIn;
import dev.videogate.siwx.SignInWithX;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Holds GET /api/generate/{id}?poll=true on the Vert.x router instead of a worker thread: the caller is
 * parked as a callback in {@link GenerationWaiters}, and answered by the status route (direct:generation-status)
 * when PostgreSQL says the generation ended, or when the wait times out. Everything else goes to the route.
 * Callers woken together on one generation share one status read and one rendered answer per access token (a
 * crowd polling one video is mostly one payer's token): 10,000 waiters cost one SQL read, not 10,000.
 * A read that finds PostgreSQL out of reach answers nobody early: the callers stay held, and are looked at again once
 * the listener hears the database again; only a caller's own deadline answers it then (503 database_unavailable).
 */
public final class LongPollHandler implements Handler<RoutingContext> {

    /** Headers of the status route's answer that the caller needs (the same ones platform-http would pass on). */
    private static final List<String> ANSWER_HEADERS = List.of("Retry-After", "WWW-Authenticate", "Cache-Control");

    private final ProducerTemplate template;
    private final GenerationWaiters waiters;
    private final long timeoutMs;

    public LongPollHandler(CamelContext camel, GenerationWaiters waiters, long timeoutMs) {
        this.template = camel.createProducerTemplate();
        this.waiters = waiters;
        this.timeoutMs = timeoutMs;
        waiters.onWake(this::wakeTogether);
    }

    /**
     * The generation may have ended: one look per distinct credential among its waiters (the same Authorization, or
     * the same signed-in wallet), its answer written to each of them.
     */
    private void wakeTogether(String generationId, Set<Runnable> woken) {
        Map<String, List<Wait>> byCredential = new HashMap<>();
        for (Runnable waiter : woken) {
            if (waiter instanceof Wait wait) {
                String credential = wait.credential();
                if (credential == null) {
                    wait.wokenBeforeItsProof(); // its first look is still checking the proof: it looks again after
                } else {
                    byCredential.computeIfAbsent(credential, k -> new ArrayList<>()).add(wait);
                }
            } else {
                waiter.run();
            }
        }
        byCredential.values().forEach(group -> group.get(0).lookFor(group));
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!"true".equalsIgnoreCase(ctx.request().getParam("poll"))) {
            ctx.next();
            return;
        }
        ctx.request().resume(); // the router paused it for a body handler; a GET has none, let it end
        new Wait(ctx).begin();
    }

    /**
     * One parked caller: answered exactly once, by the first of end-of-generation, timeout, or a final first look. A
     * caller signed in with SIGN-IN-WITH-X (a proof is good once) has its proof checked and spent by the first look;
     * the looks after it carry the wallet that proof named.
     */
    private final class Wait implements Runnable {
        private final RoutingContext ctx;
        private final Context loop; // the event loop of the caller's connection: its answer is written from there
        private final String id;
        private final String proof;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean wokenEarly = new AtomicBoolean();
        private final AtomicBoolean proving; // a look is checking the proof (from the start: the first look is due)
        private volatile SignIn signIn;
        private long timer = -1;

        Wait(RoutingContext ctx) {
            this.ctx = ctx;
            this.loop = ctx.vertx().getOrCreateContext();
            this.id = ctx.pathParam("generationId");
            this.proof = ctx.request().getHeader(SignInWithX.HEADER);
            this.proving = new AtomicBoolean(proof != null);
        }

        /** Who this caller is to the status route: its Authorization, or its proved wallet; null while the proof is unchecked. */
        String credential() {
            if (proof == null) {
                return "authorization:" + ctx.request().getHeader("Authorization");
            }
            SignIn proved = signIn;
            return proved == null ? null : "wallet:" + proved.wallet().toLowerCase(Locale.ROOT);
        }

        /** Woken before a look has proved the wallet: that look looks again once it has; or, with none under way, look now. */
        void wokenBeforeItsProof() {
            wokenEarly.set(true);
            if (!proving.get() && wokenEarly.getAndSet(false)) {
                look(false);
            }
        }

        void begin() {
            // parked before the first look, so an end between look and wait is not missed
            if (!waiters.add(id, this)) {
                answered.set(true);
                ctx.response().putHeader("Retry-After", "5");
                JsonAnswers.error(ctx.response(), 503, "too_many_waiting",
                        "Too many callers are waiting on this gateway (or on this generation); poll again shortly or use poll=false");
                return;
            }
            timer = ctx.vertx().setTimer(Math.max(1, timeoutMs), t -> answer(true));
            ctx.response().closeHandler(v -> cancel());
            look(false);
        }

        @Override
        public void run() {
            answer(true);
        }

        /** One status read on behalf of callers with this caller's id and token; when final, its answer goes to each of them. */
        void lookFor(List<Wait> group) {
            look(group, false);
        }

        /** Runs the status route on a worker; answers when the generation is final (or when told to anyway). */
        private void look(boolean answerAnyway) {
            look(List.of(this), answerAnyway);
        }

        /** One status read with this caller's id and token; its answer, rendered once, goes to each of the group. */
        private void look(List<Wait> group, boolean answerAnyway) {
            boolean proving = proof != null && signIn == null; // the first look of a signed-in caller
            if (proving) {
                this.proving.set(true);
            }
            String route = proving ? "direct:status-signed-look" : "direct:generation-status";
            ctx.vertx().<Exchange>executeBlocking(() -> template.send(route, this::request), false)
                    .onComplete(result -> {
                        Exchange exchange = result.succeeded() ? result.result() : null;
                        Throwable failure = exchange == null ? result.cause() : failureOf(exchange);
                        if (proving) {
                            if (failure == null && exchange != null && exchange.getException() == null && statusOf(exchange) == 200) {
                                // the proof was checked and its nonce spent (a database outage before that spends
                                // nothing: the next look checks the proof again)
                                signIn = exchange.getVariable("signIn", SignIn.class);
                            }
                            this.proving.set(false);
                        }
                        if (!answerAnyway && DatabaseOutage.causedBy(failure)) {
                            waiters.retryLater(id); // held on: looked at again once the database answers the listener
                            return;
                        }
                        boolean failed = exchange == null || exchange.getException() != null;
                        boolean done = failed || Boolean.TRUE.equals(exchange.getVariable("final")) || statusOf(exchange) != 200;
                        if (!done && !answerAnyway) {
                            if (proving && wokenEarly.getAndSet(false)) {
                                look(false); // the end came while the proof was being checked: look again, as the wallet
                            }
                            return;
                        }
                        // read from the exchange once for the group
                        Answer answer = failed ? Answer.of(failure) : Answer.of(exchange);
                        // each event loop writes its own callers' answers in one task: no hand-over per answer
                        Map<Context, List<Wait>> byLoop = new HashMap<>();
                        for (Wait wait : group) {
                            byLoop.computeIfAbsent(wait.loop, k -> new ArrayList<>()).add(wait);
                        }
                        byLoop.forEach((loop, waits) -> loop.runOnContext(v -> {
                            for (Wait wait : waits) {
                                if (wait.answered.compareAndSet(false, true)) {
                                    wait.cancel();
                                    wait.write(answer);
                                }
                            }
                        }));
                    });
        }

        private void answer(boolean anyway) {
            if (!answered.get()) {
                look(anyway);
            }
        }

        /**
         * The status route reads the generationId and the caller's credential: the bearer token, or the sign-in proof
         * (first look), then the wallet it proved. Nothing else is copied.
         */
        private void request(Exchange exchange) {
            exchange.getMessage().setHeader("generationId", id);
            String authorization = ctx.request().getHeader("Authorization");
            if (authorization != null) {
                exchange.getMessage().setHeader("Authorization", authorization);
            }
            if (proof != null) {
                SignIn proved = signIn;
                if (proved == null) {
                    exchange.getMessage().setHeader(SignInWithX.HEADER, proof);
                } else {
                    exchange.setVariable("signIn", proved);
                    exchange.setVariable("siwxSpent", true); // spent by the first look
                }
            }
        }

        private void cancel() {
            waiters.remove(id, this);
            if (timer >= 0) {
                ctx.vertx().cancelTimer(timer);
            }
        }

        /** Writes the group's answer to this caller. */
        private void write(Answer answer) {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            ctx.response().setStatusCode(answer.status());
            ctx.response().putHeader("Content-Type", "application/json");
            answer.headers().forEach(ctx.response()::putHeader);
            ctx.response().end(answer.body());
        }
    }

    /** What went wrong in a status read: its own failure, or the one its error policy answered (e.g. 503). */
    private static Throwable failureOf(Exchange exchange) {
        if (exchange.getException() != null) {
            return exchange.getException();
        }
        return statusOf(exchange) >= 500 ? exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) : null;
    }

    private static int statusOf(Exchange exchange) {
        Integer code = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return code == null ? 200 : code;
    }

    /** The status route's answer as every caller of a group gets it: status, the headers they need, the body. */
    private record Answer(int status, Map<String, String> headers, Buffer body) {
        static Answer of(Exchange exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : ANSWER_HEADERS) {
                Object value = exchange.getMessage().getHeader(name);
                if (value != null) {
                    headers.put(name, value.toString());
                }
            }
            return new Answer(statusOf(exchange), headers, Buffer.buffer(exchange.getMessage().getBody(String.class)));
        }

        /** A status read that failed outright: the database out of reach (503), or a 500 without internals. */
        static Answer of(Throwable failure) {
            ApiException error = DatabaseOutage.causedBy(failure) ? DatabaseOutage.answer()
                    : new UnexpectedFailure();
            Map<String, String> headers = new LinkedHashMap<>(error.answerHeaders());
            headers.put("Cache-Control", "no-store");
            return new Answer(error.status(), headers, Buffer.buffer(error.answerBody().toString()));
        }
    }
}
