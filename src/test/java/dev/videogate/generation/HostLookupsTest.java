package dev.videogate.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.api.ApiException;
import dev.videogate.support.Await;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lookups of caller-given host names: bounded in time and in number, asked once per name, kept a while, never waited for on an event loop. */
class HostLookupsTest {

    private static final InetAddress PUBLIC = address(93, 184, 216, 34);

    /** Answers names starting with "ok", refuses "no...", fails "again..." as EAI_AGAIN; holds the rest until released. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final HostLookups.Resolver resolver = host -> {
        asked.computeIfAbsent(host, h -> new AtomicInteger()).incrementAndGet();
        if (host.startsWith("ok")) {
            return new InetAddress[] {PUBLIC};
        }
        if (host.startsWith("no")) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        if (host.startsWith("again")) {
            throw new UnknownHostException(host + ": Temporary failure in name resolution");
        }
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new InetAddress[] {PUBLIC}; // a late answer
    };
    private final AtomicLong now = new AtomicLong();
    // a 1 s lookup timeout: an instant answer on a loaded machine still comes well within it
    private final HostLookups lookups = new HostLookups(resolver,
            new HostLookups.Limits(2, 3, Duration.ofMillis(1000), Duration.ofSeconds(30), Duration.ofSeconds(10), 100),
            () -> System.nanoTime() + now.get());
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() throws Exception {
        release.countDown();
        lookups.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aNameIsAnsweredAndKept() throws Exception {
        HostLookups.Outcome found = lookups.lookup("ok.example.com").get(5, TimeUnit.SECONDS);
        assertEquals(HostLookups.Kind.FOUND, found.kind());
        assertEquals(List.of(PUBLIC), List.of(found.addresses()));
        assertSame(found, lookups.cached("ok.example.com"));
        assertEquals(HostLookups.Kind.FOUND, lookups.await("ok.example.com").kind());
        assertEquals(1, asked.get("ok.example.com").get(), "asked once");

        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertEquals(null, lookups.cached("ok.example.com"), "kept 30 s");
    }

    @Test
    void aNameThatDoesNotExistIsKeptAsSuch() throws Exception {
        assertEquals(HostLookups.Kind.NOT_FOUND, lookups.lookup("no.example.com").get(5, TimeUnit.SECONDS).kind());
        assertEquals(HostLookups.Kind.FAILED, lookups.lookup("again.example.com").get(5, TimeUnit.SECONDS).kind());
        assertEquals(HostLookups.Kind.NOT_FOUND, lookups.cached("no.example.com").kind());
        assertEquals(HostLookups.Kind.FAILED, lookups.cached("again.example.com").kind());
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals(null, lookups.cached("no.example.com"), "kept 10 s");
    }

    @Test
    void aSilentServerCostsTheTimeoutAndTheLateAnswerIsKept() throws Exception {
        long started = System.nanoTime();
        HostLookups.Outcome outcome = lookups.lookup("silent.example.com").get(5, TimeUnit.SECONDS);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(HostLookups.Kind.TIMED_OUT, outcome.kind());
        assertTrue(tookMs >= 900 && tookMs < 5000, "answered after " + tookMs + " ms");
        assertEquals(HostLookups.Kind.TIMED_OUT, lookups.await("silent.example.com").kind(), "a worker waits the timeout too");

        release.countDown();
        awaitKept("silent.example.com");
        assertEquals(HostLookups.Kind.FOUND, lookups.cached("silent.example.com").kind(), "the late answer serves the next caller");
        assertEquals(1, asked.get("silent.example.com").get(), "both callers shared one lookup");
    }

    @Test
    void aNameIsAskedOnceHoweverManyWaitForIt() throws Exception {
        List<CompletableFuture<HostLookups.Outcome>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(lookups.lookup("silent.example.com"));
        }
        assertEquals(1, lookups.inFlight());
        for (CompletableFuture<HostLookups.Outcome> one : waiting) {
            assertEquals(HostLookups.Kind.TIMED_OUT, one.get(5, TimeUnit.SECONDS).kind());
        }
        assertEquals(1, asked.get("silent.example.com").get());
    }

    @Test
    void moreNamesThanMayBeInFlightAreRefusedAtOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            lookups.lookup("silent" + i + ".example.com");
        }
        CompletableFuture<HostLookups.Outcome> refused = lookups.lookup("silent3.example.com");
        assertTrue(refused.isDone(), "refused without waiting");
        assertEquals(HostLookups.Kind.BUSY, refused.get().kind());
        // BUSY, not TIMED_OUT: the worker was refused at once rather than waiting for the resolver
        assertEquals(HostLookups.Kind.BUSY, lookups.await("silent4.example.com").kind());
        assertEquals(null, asked.get("silent3.example.com"), "never asked");
        ApiException refusal = MediaUrls.refusal("options.image_urls[0]", "silent3.example.com", HostLookups.Outcome.BUSY);
        assertEquals(503, refusal.status());
        assertEquals("url_check_unavailable", refusal.code());
        assertEquals("1", refusal.answerHeaders().get("Retry-After"));
    }

    @Test
    void aLookupQueuedPastEveryonesDeadlineIsNotAsked() throws Exception {
        // two threads: two silent names take them; the third name waits in the queue past its caller's deadline
        lookups.lookup("silent1.example.com");
        lookups.lookup("silent2.example.com");
        assertEquals(HostLookups.Kind.TIMED_OUT, lookups.lookup("ok-queued.example.com").get(5, TimeUnit.SECONDS).kind());
        release.countDown();
        awaitKept("silent1.example.com");
        // a negative: only time shows that a lookup is never asked (200 ms is many times what asking takes)
        Thread.sleep(200);
        assertEquals(null, asked.get("ok-queued.example.com"), "nobody was waiting for it any more");
        assertEquals(0, lookups.inFlight());
    }

    @Test
    void anEventLoopNeverWaitsForALookup() throws Exception {
        CompletableFuture<Throwable> waited = new CompletableFuture<>();
        CompletableFuture<Throwable> checked = new CompletableFuture<>();
        CompletableFuture<HostLookups.Outcome> known = new CompletableFuture<>();
        lookups.lookup("ok.example.com").get(5, TimeUnit.SECONDS);
        vertx.runOnContext(v -> {
            waited.complete(catching(() -> lookups.await("silent.example.com")));
            checked.complete(catching(() -> lookups.answerFor("options.image_urls[0]", "silent.example.com")));
            known.complete(lookups.answerFor("options.image_urls[0]", "ok.example.com"));
        });
        Throwable refused = waited.get(5, TimeUnit.SECONDS);
        assertTrue(refused instanceof IllegalStateException && refused.getMessage().contains("must not wait on an event loop"),
                String.valueOf(refused));
        Throwable pending = checked.get(5, TimeUnit.SECONDS);
        assertTrue(pending instanceof HostLookups.Pending, String.valueOf(pending));
        assertEquals("options.image_urls[0]", ((HostLookups.Pending) pending).field());
        assertEquals("silent.example.com", ((HostLookups.Pending) pending).host());
        assertEquals(HostLookups.Kind.FOUND, known.get(5, TimeUnit.SECONDS).kind(), "a kept answer is read on the loop");
        assertEquals(null, asked.get("silent.example.com"), "nothing was started on the loop's behalf");
    }

    @Test
    void answersAreKeptAtLeastASecond() {
        assertThrows(IllegalArgumentException.class, () -> new HostLookups(resolver,
                new HostLookups.Limits(1, 1, Duration.ofMillis(100), Duration.ZERO, Duration.ofSeconds(1), 10)));
    }

    private void awaitKept(String host) throws Exception {
        Await.until(host + " is kept", Duration.ofSeconds(5), () -> lookups.cached(host) != null);
    }

    private static Throwable catching(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static InetAddress address(int... bytes) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) bytes[0], (byte) bytes[1], (byte) bytes[2], (byte) bytes[3]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
