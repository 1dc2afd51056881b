package dev.videogate.metrics;

import dev.videogate.longpoll.GenerationWaiters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The business side of /observe/metrics (Prometheus, through Camel's Micrometer registry), beside Camel's and the
 * JVM's own: generations by model and state, payments by status, revenue, Kie.ai call latency and errors by
 * endpoint, poll backlog, callback-to-record lag, held long-polls. Database figures come from one snapshot query
 * every app.metrics.refresh-ms (not per scrape); Kie.ai calls are timed as they happen.
 */
public final class GatewayMetrics extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);

    private final CamelContext camel;
    private final DataSource dataSource;
    private final GenerationWaiters waiters;
    private final dev.videogate.queue.CreateQueue queue;
    private final String kieHost;
    private final long refreshMs;
    private ScheduledExecutorService refresher;
    private SteadyRows generations;
    private SteadyRows payments;
    private final AtomicLong revenueAtomic = new AtomicLong();
    private final AtomicLong pollBacklog = new AtomicLong();
    private final AtomicLong storedBytes = new AtomicLong();
    private final AtomicLong copiesPending = new AtomicLong();
    private final AtomicLong copiesFailed = new AtomicLong();
    private final AtomicReference<Double> callbackLagSeconds = new AtomicReference<>(0.0);

    public GatewayMetrics(CamelContext camel, DataSource dataSource, GenerationWaiters waiters, String kieApiUrl, long refreshMs,
                          dev.videogate.queue.CreateQueue queue) {
        this.queue = queue;
        this.camel = camel;
        this.dataSource = dataSource;
        this.waiters = waiters;
        java.net.URI api = java.net.URI.create(kieApiUrl);
        this.kieHost = api.getScheme() + "://" + api.getRawAuthority();
        this.refreshMs = refreshMs;
    }

    /** Called once the context has started: Camel creates its Micrometer registry while it starts. */
    public void bind() {
        MeterRegistry registry = camel.getRegistry().findSingleByType(MeterRegistry.class);
        if (registry == null) {
            LOG.info("No Micrometer registry (camel.metrics.enabled=false): gateway metrics are off");
            return;
        }
        generations = new SteadyRows(MultiGauge.builder("gateway_generations").description("Generations by model and state").register(registry));
        payments = new SteadyRows(MultiGauge.builder("gateway_payments").description("Paid requests by payment status").register(registry));
        Gauge.builder("gateway_revenue_usdc_atomic", revenueAtomic, AtomicLong::get)
                .description("USDC settled to payTo, atomic units (6 decimals)").register(registry);
        Gauge.builder("gateway_poll_backlog", pollBacklog, AtomicLong::get)
                .description("Unfinished generations whose status check is due").register(registry);
        Gauge.builder("gateway_storage_bytes", storedBytes, AtomicLong::get)
                .description("Bytes of result files kept in our own store").register(registry);
        Gauge.builder("gateway_copies_pending", copiesPending, AtomicLong::get)
                .description("Result files not copied yet (the copy outbox)").register(registry);
        Gauge.builder("gateway_copies_failed", copiesFailed, AtomicLong::get)
                .description("Result files no copy could be made of (answers keep Kie.ai's link)").register(registry);
        Gauge.builder("gateway_callback_to_record_seconds", callbackLagSeconds, AtomicReference::get)
                .description("Median time from Kie.ai's callback to the recorded final state, last hour").register(registry);
        // the create queue, as the create-queue job last read it (every app.queue.interval-ms, every instance's rows)
        Gauge.builder("gateway_create_queue_depth", queue, q -> q.depth()).tag("key", "default")
                .description("Generations waiting for a Kie.ai create slot (per Kie.ai key)").register(registry);
        Gauge.builder("gateway_create_queue_expected_wait_seconds", queue, q -> q.expectedWaitSeconds()).tag("key", "default")
                .description("Expected wait for a create slot of a request sent now (per Kie.ai key)").register(registry);
        SteadyRows queuedByModel = new SteadyRows(MultiGauge.builder("gateway_create_queue_model_depth")
                .description("Generations waiting for a Kie.ai create slot, by model").register(registry));
        queue.onRead(byModel -> {
            Map<Tags, Long> rows = new HashMap<>();
            byModel.forEach((model, depth) -> rows.put(Tags.of("model", model), depth.longValue()));
            queuedByModel.set(rows);
        });
        Gauge.builder("gateway_longpoll_held", waiters, GenerationWaiters::count)
                .description("Callers held by ?poll=true on this instance").register(registry);
        camel.getManagementStrategy().addEventNotifier(new KieCallTimer(registry));
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-metrics");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, refreshMs, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void doStop() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    private void refresh() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            Map<Tags, Long> byState = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT model, state, count(*) FROM generation GROUP BY model, state")) {
                while (rs.next()) {
                    byState.put(Tags.of("model", rs.getString(1), "state", rs.getString(2)), rs.getLong(3));
                }
            }
            generations.set(byState);
            Map<Tags, Long> byStatus = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT payment_status, count(*) FROM generation WHERE payment_status IS NOT NULL GROUP BY 1")) {
                while (rs.next()) {
                    byStatus.put(Tags.of("status", rs.getString(1)), rs.getLong(2));
                }
            }
            payments.set(byStatus);
            try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(amount_atomic), 0),"
                    + " (SELECT count(*) FROM generation WHERE state IN ('pending', 'processing') AND next_poll_at <= now()),"
                    + " (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM completed_at - callback_at)), 0)"
                    + "    FROM generation WHERE callback_at IS NOT NULL AND completed_at >= callback_at AND completed_at > now() - interval '1 hour')"
                    + " FROM generation WHERE payment_status = 'settled'")) {
                if (rs.next()) {
                    revenueAtomic.set(rs.getLong(1));
                    pollBacklog.set(rs.getLong(2));
                    callbackLagSeconds.set(rs.getDouble(3));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT coalesce(sum(bytes) FILTER (WHERE status = 'stored'), 0),"
                    + " count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'failed') FROM stored_copy")) {
                if (rs.next()) {
                    storedBytes.set(rs.getLong(1));
                    copiesPending.set(rs.getLong(2));
                    copiesFailed.set(rs.getLong(3));
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Gateway metrics not refreshed: {}", e.toString());
        }
    }

    /** Times every call to Kie.ai by endpoint (createTask, recordInfo, veo/generate, ...) and counts the failed ones. */
    private final class KieCallTimer extends EventNotifierSupport {
        private final MeterRegistry registry;

        KieCallTimer(MeterRegistry registry) {
            this.registry = registry;
            setIgnoreExchangeCreatedEvent(true);
            setIgnoreExchangeCompletedEvent(true);
            setIgnoreExchangeFailedEvents(true);
            setIgnoreExchangeSendingEvents(true);
            setIgnoreExchangeRedeliveryEvents(true);
            setIgnoreExchangeAsyncProcessingStartedEvents(true);
            setIgnoreStepEvents(true);
            setIgnoreRouteEvents(true);
            setIgnoreServiceEvents(true);
        }

        @Override
        public void notify(CamelEvent event) {
            if (!(event instanceof CamelEvent.ExchangeSentEvent sent)) {
                return;
            }
            // Camel optimises toD to one http endpoint per host (the path travels in a header): the Kie.ai call is the
            // one made by the kie-call route, which names its path in variable kiePath
            String uri = sent.getEndpoint().getEndpointUri();
            String path = sent.getExchange().getVariable("kiePath", String.class);
            if (path == null || !uri.startsWith(kieHost)) {
                return;
            }
            String endpoint = path.replaceAll("^/", "");
            Timer.builder("gateway_kie_call_seconds").description("Kie.ai calls, by endpoint").tag("endpoint", endpoint)
                    .register(registry).record(Duration.ofMillis(sent.getTimeTaken()));
            Exchange exchange = sent.getExchange();
            Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (exchange.getException() != null || status == null || status >= 400) {
                Counter.builder("gateway_kie_call_errors").description("Kie.ai calls that failed or answered an HTTP error, by endpoint")
                        .tag("endpoint", endpoint).register(registry).increment();
            }
        }
    }
}
