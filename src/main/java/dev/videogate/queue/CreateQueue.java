package dev.videogate.queue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.Unavailable;
import dev.videogate.generation.Generation;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * The Kie.ai create queue as this instance sees it: how many generations wait for a create slot (per model, read
 * from the database by the create-queue job every app.queue.interval-ms, so it counts every instance's), the create
 * rate (app.kie.create-rate per app.kie.create-window-ms), and what follows from them: the expected wait of the next
 * request, and whether it could still be created within a payment's validity. The queue itself is rows in PostgreSQL;
 * this is only its last reading, kept so that the 503 before payment costs no query.
 */
public class CreateQueue {

    private final int rate;
    private final long windowMs;
    private final long allowanceMs;
    private volatile Map<String, Long> depthByModel = Map.of();
    private final AtomicLong queuedSinceReading = new AtomicLong();

    /**
     * @param rate        creates allowed per window and key (app.kie.create-rate)
     * @param windowMs    the window (app.kie.create-window-ms)
     * @param allowanceMs how long a request may wait for its task: the payment's validity
     *                    (app.x402.max-timeout-seconds) less app.queue.settle-margin-ms, or app.queue.max-wait-ms when
     *                    payment is off
     */
    public CreateQueue(int rate, long windowMs, long allowanceMs) {
        if (rate < 1 || windowMs < 1) {
            throw new IllegalArgumentException("app.kie.create-rate and app.kie.create-window-ms must be positive");
        }
        this.rate = rate;
        this.windowMs = windowMs;
        this.allowanceMs = allowanceMs;
    }

    /** The job's reading of the queue (sql/queue-snapshot.sql: one row per model with queued generations). */
    public void read(@Body List<Map<String, Object>> rows) {
        Map<String, Long> byModel = new TreeMap<>();
        for (Map<String, Object> row : rows) {
            byModel.put(String.valueOf(row.get("model")), ((Number) row.get("depth")).longValue());
        }
        depthByModel = Map.copyOf(byModel);
        queuedSinceReading.set(0);
        java.util.function.Consumer<Map<String, Long>> listener = onRead;
        if (listener != null) {
            listener.accept(depthByModel);
        }
    }

    private volatile java.util.function.Consumer<Map<String, Long>> onRead;

    /** Told each new reading (the metrics' per-model gauge). */
    public void onRead(java.util.function.Consumer<Map<String, Long>> listener) {
        this.onRead = listener;
    }

    /** A request of this instance was queued since the last reading: counted at once, before the next reading. */
    public void queuedHere() {
        queuedSinceReading.incrementAndGet();
    }

    public long depth() {
        return depthByModel.values().stream().mapToLong(Long::longValue).sum() + queuedSinceReading.get();
    }

    public Map<String, Long> depthByModel() {
        return depthByModel;
    }

    /** Seconds until the task of the generation at this place in the queue (1 = next) is expected to be created. */
    public long expectedWaitSeconds(long position) {
        if (position <= 0) {
            return 0;
        }
        long windows = (position + rate - 1) / rate; // the first `rate` go in the next window, and so on
        return (windows * windowMs + 999) / 1000;
    }

    /** The expected wait of a request arriving now (behind everything queued). */
    public long expectedWaitSeconds() {
        long depth = depth();
        return depth == 0 ? 0 : expectedWaitSeconds(depth + 1);
    }

    /**
     * The step before payment: when a request arriving now could not get its task before a payment's validity runs
     * out, 503 queue_full with Retry-After, before anyone pays (no 402 challenge, no /verify).
     */
    public void refuseWhenFull() {
        long waitMs = expectedWaitSeconds() * 1000;
        if (waitMs > allowanceMs) {
            long retryAfter = Math.max(1, (waitMs - allowanceMs + 999) / 1000);
            throw new Unavailable("queue_full", "Kie.ai's capacity is taken for the next " + expectedWaitSeconds()
                    + " s (" + depth() + " requests queued), longer than a payment stays valid; nothing was charged,"
                    + " retry after " + retryAfter + " s", (int) Math.min(Integer.MAX_VALUE, retryAfter));
        }
    }

    /** When the row could not be queued (its payment expires before a task could be made): 503, the row is undone. */
    public void refuseLate() {
        throw new Unavailable("queue_full", "Kie.ai has no capacity now and this payment expires before it would;"
                + " nothing was charged, retry with a fresh payment", (int) Math.max(1, (windowMs + 999) / 1000));
    }

    /** The queue's figures for GET /api/models and the metrics: depth and expected wait, overall and for one model. */
    public void describe(ObjectNode into, String model) {
        into.put("depth", model == null ? depth() : depthByModel.getOrDefault(model, 0L));
        into.put("expectedWaitSeconds", expectedWaitSeconds());
        if (model == null) {
            into.put("createRate", rate);
            into.put("createWindowSeconds", windowMs / 1000.0);
            into.put("maxWaitSeconds", allowanceMs / 1000);
        }
    }

    /** The generation a claimed queue row stands for (sql/claim-queued-generations.sql), for the create request. */
    public Generation generation(@Body Map<String, Object> row) {
        Object price = row.get("price_usd");
        return new Generation((String) row.get("id"), (String) row.get("model"), (String) row.get("kie_model"),
                (String) row.get("kie_family"), (String) row.get("type"), (String) row.get("prompt"),
                (String) row.get("options"), (String) row.get("kie_input"),
                price == null ? null : new BigDecimal(price.toString()), (String) row.get("price_breakdown"), null,
                (String) row.get("webhook_url"));
    }

    /** The place a just-queued generation took (sql/queue-generation.sql's RETURNING), counted here too. */
    public long queuedAt(@Variable("queued") Map<String, Object> row) {
        queuedHere();
        Object position = row == null ? null : row.get("queue_position");
        return position == null ? depth() : ((Number) position).longValue();
    }
}
