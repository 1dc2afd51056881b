package dev.videogate.longpoll;

import dev.videogate.api.ApiException;
import dev.videogate.api.UnexpectedFailure;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.http.JsonAnswers;
import dev.videogate.siwx.SignIn;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
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
import org.apache.camel.Message;
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
                    wait.wokenBeforeItsFirstLook(); // that look (the request's own) looks again once it has passed
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
     * One parked caller: answered exactly once, by the first of end-of-generation, timeout, or a final first look. The
     * first look is the request's own (route status-look: its steps, its credential check); the looks after it read
     * the status as that caller, by its token or, signed in with SIGN-IN-WITH-X (a proof is good once, and the first
     * look spent it), by the wallet the proof named.
     */
    private final class Wait implements Runnable {
        private final RoutingContext ctx;
        private final Context loop; // the event loop of the caller's connection: its answer is written from there
        private final String id;
        private final AtomicBoolean answered = new AtomicBoolean();
        private final AtomicBoolean wokenEarly = new AtomicBoolean();
        private final AtomicBoolean firstLookRunning = new AtomicBoolean(true); // from the start: it is due
        private volatile boolean firstLookPassed;
        private volatile SignIn signIn;
        private long timer = -1;

        Wait(RoutingContext ctx) {
            this.ctx = ctx;
            this.loop = ctx.vertx().getOrCreateContext();
            this.id = ctx.pathParam("generationId");
        }

        /** Who this caller is to the status route: its Authorization, or its proved wallet; null until its first look passed. */
        String credential() {
            if (!firstLookPassed) {
                return null;
            }
            SignIn proved = signIn;
            return proved == null ? "authorization:" + ctx.request().getHeader("Authorization")
                    : "wallet:" + proved.wallet().toLowerCase(Locale.ROOT);
        }

        /** Woken before its first look passed: that look looks again once it has; with none under way, look now. */
        void wokenBeforeItsFirstLook() {
            wokenEarly.set(true);
            if (!firstLookRunning.get() && wokenEarly.getAndSet(false)) {
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
            // until one has passed, a look is the request's own: its route steps (status-look, 50-status.yaml), as a
            // plain read runs them, and its credential checked (a proof checked and spent)
            boolean asTheRequest = !firstLookPassed;
            if (asTheRequest) {
                firstLookRunning.set(true);
            }
            String route = asTheRequest ? "direct:status-look" : "direct:generation-status";
            ctx.vertx().<Exchange>executeBlocking(() -> template.send(route, asTheRequest ? this::asRequest : this::request), false)
                    .onComplete(result -> {
                        Exchange exchange = result.succeeded() ? result.result() : null;
                        Throwable failure = exchange == null ? result.cause() : failureOf(exchange);
                        if (asTheRequest) {
                            if (failure == null && exchange != null && exchange.getException() == null && statusOf(exchange) == 200) {
                                // passed: its steps let it through, its credential holds (a proof is spent now; a
                                // database outage before that spends nothing, and the next look is the request's again)
                                signIn = exchange.getVariable("signIn", SignIn.class);
                                firstLookPassed = true;
                            }
                            firstLookRunning.set(false);
                        }
                        if (!answerAnyway && DatabaseOutage.causedBy(failure)) {
                            waiters.retryLater(id); // held on: looked at again once the database answers the listener
                            return;
                        }
                        boolean failed = exchange == null || exchange.getException() != null;
                        boolean done = failed || Boolean.TRUE.equals(exchange.getVariable("final")) || statusOf(exchange) != 200;
                        if (!done && !answerAnyway) {
                            if (asTheRequest && wokenEarly.getAndSet(false)) {
                                look(false); // the end came during the first look: look again, as this caller
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
         * The first look: the caller's request as platform-http would give it to status-request (its headers, its
         * query parameters, the path's generationId); route status-look keeps what it reads and checks the credential.
         */
        private void asRequest(Exchange exchange) {
            Message message = exchange.getMessage();
            copy(ctx.request().headers(), message);
            copy(ctx.request().params(), message);
            message.setHeader("generationId", id);
        }

        /** Headers or query parameters as platform-http passes them on: never one that names a Camel header. */
        private static void copy(MultiMap values, Message message) {
            for (String name : values.names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.startsWith("camel") || lower.startsWith("org.apache.camel")) {
                    continue; // a caller steers no component
                }
                List<String> all = values.getAll(name);
                message.setHeader(name, all.size() == 1 ? all.get(0) : all);
            }
        }

        /**
         * The looks after the first read the generationId and the caller's credential: the bearer token, or the wallet
         * its proof named (the proof itself was spent by the first look). Nothing else is copied.
         */
        private void request(Exchange exchange) {
            exchange.getMessage().setHeader("generationId", id);
            String authorization = ctx.request().getHeader("Authorization");
            if (authorization != null) {
                exchange.getMessage().setHeader("Authorization", authorization);
            }
            SignIn proved = signIn;
            if (proved != null) {
                exchange.setVariable("signIn", proved);
                exchange.setVariable("siwxSpent", true);
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
