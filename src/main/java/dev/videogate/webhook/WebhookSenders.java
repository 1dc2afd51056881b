package dev.videogate.webhook;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads webhooks are sent on (app.webhooks.concurrency). A delivery holds one for at most its deadline, so a
 * slow receiver holds its own sender and no other. The Quartz route claims only as many due deliveries as there
 * are free senders ({@link #free()}): a claimed delivery starts at once, well inside its lease.
 */
public final class WebhookSenders extends ThreadPoolExecutor {

    /** Handed over and not finished yet: running, or about to. */
    private final AtomicInteger taken = new AtomicInteger();

    public WebhookSenders(int senders) {
        this(senders, "webhook-sender");
    }

    /** The same bounded pool for another outbox (the copies of result files: "copy-worker"). */
    public WebhookSenders(int senders, String threadName) {
        super(senders, senders, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named(threadName));
    }

    /** Senders with nothing to do: how many deliveries the next claim may take. */
    public int free() {
        return Math.max(0, getMaximumPoolSize() - taken.get());
    }

    @Override
    public void execute(Runnable delivery) {
        taken.incrementAndGet();
        try {
            super.execute(delivery);
        } catch (RuntimeException rejected) {
            taken.decrementAndGet();
            throw rejected;
        }
    }

    @Override
    protected void afterExecute(Runnable delivery, Throwable failure) {
        taken.decrementAndGet();
    }

    private static ThreadFactory named(String threadName) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
