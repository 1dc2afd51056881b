package dev.videogate.generation;

import io.vertx.core.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Host names of caller-given URLs (image_urls, webhookUrl) turned into addresses, with nobody waiting longer than
 * {@code timeout} and nothing ever waiting on an event loop. The system resolver (InetAddress) blocks its thread for as
 * long as DNS takes (10 s and more when a name server does not answer), so lookups run on a small pool of their own;
 * at most {@code maxInFlight} names are looked up at once (more are refused at once: {@link Kind#BUSY}), a name being
 * looked up is asked once however many requests want it, and answers are kept a while (names that exist for
 * {@code foundTtl}, names that do not, or whose DNS failed, for {@code failedTtl}).
 *
 * <p>Three ways in. {@link #cached}: the answer if it is known, never waits. {@link #lookup}: a future that completes
 * within the timeout (on a lookup thread or a timer thread, never the caller's). {@link #await}: waits for that
 * future, for worker threads only; on an event-loop thread it throws instead of blocking.
 *
 * <p>Names that could not be checked (no answer in time, too many in flight, DNS failed) are summed up in one
 * warning a minute at most, not one per request.
 */
public final class HostLookups implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostLookups.class);

    /** Host name to addresses, blocking as long as it takes; the system's is InetAddress.getAllByName. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    public enum Kind {
        /** The name has addresses. */
        FOUND,
        /** The name does not exist, or has no address. */
        NOT_FOUND,
        /** DNS failed for now (a server failure or a timeout inside the system resolver). */
        FAILED,
        /** No answer within the timeout. */
        TIMED_OUT,
        /** Too many lookups in flight: not asked at all. */
        BUSY
    }

    /** What a lookup found (addresses only for FOUND). */
    public record Outcome(Kind kind, InetAddress[] addresses) {
        public static final Outcome NOT_FOUND = new Outcome(Kind.NOT_FOUND, new InetAddress[0]);
        public static final Outcome FAILED = new Outcome(Kind.FAILED, new InetAddress[0]);
        public static final Outcome TIMED_OUT = new Outcome(Kind.TIMED_OUT, new InetAddress[0]);
        public static final Outcome BUSY = new Outcome(Kind.BUSY, new InetAddress[0]);

        /** True for answers that are kept: asking again right away would give the same. */
        public boolean kept() {
            return kind == Kind.FOUND || kind == Kind.NOT_FOUND || kind == Kind.FAILED;
        }
    }

    /**
     * Thrown on an event-loop thread when a name's answer is not known yet: the caller starts {@link #lookup} and
     * checks again when it completes. Cheap: no stack trace.
     */
    public static final class Pending extends RuntimeException {
        private final String field;
        private final String host;

        Pending(String field, String host) {
            super("host lookup pending for " + field + ": " + host, null, false, false);
            this.field = field;
            this.host = host;
        }

        /** The request field whose URL names the host, e.g. options.image_urls[0]. */
        public String field() {
            return field;
        }

        public String host() {
            return host;
        }
    }

    /** Limits; the defaults are the settings' (application.properties, app.http.dns-*). */
    public record Limits(int threads, int maxInFlight, Duration timeout, Duration foundTtl, Duration failedTtl, int maxKept) {
        public static Limits defaults() {
            return new Limits(4, 32, Duration.ofMillis(2000), Duration.ofSeconds(30), Duration.ofSeconds(10), 10_000);
        }
    }

    private record Kept(Outcome outcome, long untilNanos) {
    }

    private final Resolver resolver;
    private final Limits limits;
    private final LongSupplier nanoTime;
    private final ThreadPoolExecutor pool;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();
    private final Map<String, Lookup> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger lookupsInFlight = new AtomicInteger();
    private final Semaphore waitingThreads;
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong();
    private volatile boolean reported;

    public HostLookups(Resolver resolver, Limits limits) {
        this(resolver, limits, System::nanoTime);
    }

    HostLookups(Resolver resolver, Limits limits, LongSupplier nanoTime) {
        if (limits.threads() < 1 || limits.maxInFlight() < 1 || limits.timeout().toMillis() < 1 || limits.maxKept() < 1
                || limits.foundTtl().toMillis() < 1000 || limits.failedTtl().toMillis() < 1000) {
            // answers are kept at least a second: a check on an event loop reads from here the answer it waited for
            throw new IllegalArgumentException("host lookups need at least one thread, one lookup in flight, a timeout, room to keep"
                    + " answers and keeping them at least 1 s: " + limits);
        }
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.limits = limits;
        this.nanoTime = nanoTime;
        AtomicInteger threadNumber = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(limits.threads(), limits.threads(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "host-lookup-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.pool.allowCoreThreadTimeOut(true);
        this.waitingThreads = new Semaphore(limits.maxInFlight());
    }

    /** The system resolver. */
    public static Resolver system() {
        return InetAddress::getAllByName;
    }

    public Duration timeout() {
        return limits.timeout();
    }

    /** Names being looked up right now (running or queued). */
    public int inFlight() {
        return lookupsInFlight.get();
    }

    /** The kept answer for this name, or null; never waits. */
    public Outcome cached(String host) {
        Kept entry = kept.get(host);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.untilNanos() >= 0) {
            kept.remove(host, entry);
            return null;
        }
        return entry.outcome();
    }

    /**
     * The answer for this name, completed within the timeout (TIMED_OUT then) or at once (kept, or BUSY). Never
     * waits; the future completes on a lookup or timer thread, so whoever needs an event loop goes back to it.
     */
    public CompletableFuture<Outcome> lookup(String host) {
        Outcome known = cached(host);
        if (known != null) {
            return CompletableFuture.completedFuture(noted(known));
        }
        boolean[] refused = {false};
        Lookup lookup = inFlight.compute(host, (name, running) -> {
            if (running != null) {
                return running;
            }
            if (lookupsInFlight.incrementAndGet() > limits.maxInFlight()) {
                lookupsInFlight.decrementAndGet();
                refused[0] = true;
                return null;
            }
            return new Lookup(name);
        });
        if (refused[0]) {
            return CompletableFuture.completedFuture(noted(Outcome.BUSY));
        }
        long deadline = nanoTime.getAsLong() + limits.timeout().toNanos();
        lookup.askNoLaterThan(deadline);
        // each caller gets its own view with its own deadline; the lookup itself goes on and keeps a late answer
        return lookup.answer.copy().completeOnTimeout(Outcome.TIMED_OUT, limits.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(this::noted);
    }

    /**
     * The answer for a name a request's field names: the kept one; else, off an event loop, {@link #await}; on an
     * event loop, {@link Pending} is thrown (look it up with {@link #lookup} and check again when it completes).
     */
    public Outcome answerFor(String field, String host) {
        Outcome known = cached(host);
        if (known != null) {
            return noted(known);
        }
        if (Context.isOnEventLoopThread()) {
            throw new Pending(field, host);
        }
        return await(host);
    }

    /**
     * The answer for this name, waiting at most the timeout: for worker threads (a route step). At most
     * maxInFlight threads wait at once; more are answered BUSY at once.
     *
     * @throws IllegalStateException on an event-loop thread, which must never wait (use {@link #lookup})
     */
    public Outcome await(String host) {
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("A host lookup must not wait on an event loop (" + Thread.currentThread().getName()
                    + ", host " + host + "): use HostLookups.lookup");
        }
        Outcome known = cached(host);
        if (known != null) {
            return noted(known);
        }
        if (!waitingThreads.tryAcquire()) {
            return noted(Outcome.BUSY);
        }
        try {
            return lookup(host).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.TIMED_OUT;
        } catch (ExecutionException e) {
            return Outcome.FAILED;
        } finally {
            waitingThreads.release();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Counts what a caller is told when it is not an answer; says so in the log, summed up, once a minute at most. */
    private Outcome noted(Outcome outcome) {
        switch (outcome.kind()) {
            case TIMED_OUT -> timedOut.incrementAndGet();
            case BUSY -> refused.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
            default -> {
                return outcome;
            }
        }
        long now = nanoTime.getAsLong();
        long next = nextReport.get();
        if ((!reported || now - next >= 0) && nextReport.compareAndSet(next, now + TimeUnit.MINUTES.toNanos(1))) {
            reported = true;
            LOG.warn("Host names in caller URLs could not be checked (answered 503 url_check_unavailable, nothing charged): {} got no"
                    + " DNS answer within {} ms, {} were not looked up ({} names already in flight), {} had their DNS lookup fail;"
                    + " since the last such line (one a minute at most)", timedOut.getAndSet(0), limits.timeout().toMillis(),
                    refused.getAndSet(0), limits.maxInFlight(), failed.getAndSet(0));
        }
        return outcome;
    }

    /** One name being looked up, however many callers wait for it. */
    private final class Lookup implements Runnable {
        private final String host;
        private final CompletableFuture<Outcome> answer = new CompletableFuture<>();
        private final AtomicBoolean asked = new AtomicBoolean();
        private volatile long latestDeadline = Long.MIN_VALUE;

        Lookup(String host) {
            this.host = host;
        }

        synchronized void askNoLaterThan(long deadline) {
            if (latestDeadline == Long.MIN_VALUE || deadline - latestDeadline > 0) {
                latestDeadline = deadline;
            }
            if (asked.compareAndSet(false, true)) {
                try {
                    pool.execute(this);
                } catch (java.util.concurrent.RejectedExecutionException closed) {
                    finish(Outcome.BUSY, false);
                }
            }
        }

        @Override
        public void run() {
            if (nanoTime.getAsLong() - latestDeadline > 0) {
                finish(Outcome.TIMED_OUT, false); // waited in the queue past everyone's deadline: nobody needs it now
                return;
            }
            Outcome outcome;
            try {
                InetAddress[] addresses = resolver.resolve(host);
                outcome = addresses == null || addresses.length == 0 ? Outcome.NOT_FOUND : new Outcome(Kind.FOUND, addresses.clone());
            } catch (UnknownHostException e) {
                // getaddrinfo's EAI_AGAIN (no answer, SERVFAIL): the name may well exist; anything else: it does not
                String message = String.valueOf(e.getMessage());
                outcome = message.contains("Temporary failure") || message.contains("try again") ? Outcome.FAILED : Outcome.NOT_FOUND;
            } catch (RuntimeException e) {
                LOG.debug("Host lookup of {} failed: {}", host, e.toString());
                outcome = Outcome.FAILED;
            }
            finish(outcome, true);
        }

        private void finish(Outcome outcome, boolean keep) {
            if (keep) {
                Duration ttl = outcome.kind() == Kind.FOUND ? limits.foundTtl() : limits.failedTtl();
                if (kept.size() >= limits.maxKept()) {
                    long now = nanoTime.getAsLong();
                    kept.values().removeIf(entry -> now - entry.untilNanos() >= 0);
                    if (kept.size() >= limits.maxKept()) {
                        kept.clear(); // a flood of distinct names only costs asking again
                    }
                }
                kept.put(host, new Kept(outcome, nanoTime.getAsLong() + ttl.toNanos()));
            }
            // kept before it leaves the in-flight map and before anyone hears: whoever asks next finds one or the other
            inFlight.remove(host, this);
            lookupsInFlight.decrementAndGet();
            answer.complete(outcome);
        }
    }
}
