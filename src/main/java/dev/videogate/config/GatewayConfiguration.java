package dev.videogate.config;

import dev.videogate.admin.ReconciliationReport;
import dev.videogate.api.ErrorResponses;
import dev.videogate.discovery.BazaarDiscovery;
import dev.videogate.discovery.OpenApiDocument;
import dev.videogate.discovery.WellKnownX402;
import dev.videogate.catalog.ModelAvailability;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.db.Database;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.generation.GenerateRequests;
import dev.videogate.generation.GenerationResponses;
import dev.videogate.generation.HostLookups;
import dev.videogate.generation.MediaUrls;
import dev.videogate.generation.ModelListing;
import dev.videogate.health.Reachability;
import dev.videogate.health.ReadinessCheck;
import dev.videogate.http.ConnectionDeadlines;
import dev.videogate.http.FrontDoor;
import dev.videogate.http.GatewayVertx;
import dev.videogate.kie.KieMessages;
import dev.videogate.kie.KieSandbox;
import dev.videogate.logging.GenerationIdInLogs;
import dev.videogate.logging.SecretMask;
import dev.videogate.longpoll.FinalStateListener;
import dev.videogate.metrics.GatewayMetrics;
import dev.videogate.queue.CreateQueue;
import dev.videogate.longpoll.GenerationWaiters;
import dev.videogate.payment.PayerBalances;
import dev.videogate.payment.ChallengeAnswers;
import dev.videogate.payment.FacilitatorStep;
import dev.videogate.payment.PaymentGateStep;
import dev.videogate.payment.SettleStep;
import dev.videogate.payment.X402Payments;
import dev.videogate.storage.LocalVideoStore;
import dev.videogate.storage.OriginFetcher;
import dev.videogate.storage.S3VideoStore;
import dev.videogate.storage.StoredCopies;
import dev.videogate.storage.VideoStore;
import dev.videogate.webhook.StandardWebhookSigner;
import dev.videogate.webhook.WebhookClient;
import dev.videogate.webhook.WebhookSenders;
import dev.videogate.webhook.Webhooks;
import dev.videogate.x402.AcceptEntry;
import dev.videogate.x402.PaymentGate;
import dev.videogate.x402.PaymentOption;
import dev.videogate.x402.PaymentOptions;
import dev.videogate.x402.X402Accepts;
import dev.videogate.x402.X402Settings;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import dev.videogate.siwx.SignInWithX;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the YAML routes call by name and needs more than its settings to be made: the database (bound as
 * appDataSource, which camel-sql picks up), the Kie.ai settings check (or the sandbox), and the beans that share the
 * catalog, the payments, a pool or a lifecycle. Beans made from settings alone are declared in routes/00-beans.yaml.
 */
public class GatewayConfiguration implements CamelConfiguration {

    /** app.models (optional, comma-separated) limits the catalog to those models; empty sells every entry. */
    private static List<String> soldModels(Settings settings) {
        return Arrays.stream(settings.text("app.models", "").split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    private static final Logger LOG = LoggerFactory.getLogger(GatewayConfiguration.class);

    /** Settings whose values are masked in every log line (SecretMask), whoever writes them. */
    private static final List<String> SECRET_SETTINGS = List.of("app.kie.api-key", "app.admin.token", "app.webhooks.secret",
            "app.kie.webhook-key", "app.x402.facilitator-authorization", "app.db.password",
            "app.db.runtime-password", "app.x402.rpc-url", // RPC providers put their API key in the URL
            "app.storage.s3.secret-key", "app.x402.cdp-api-key-secret");

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        // each route step logs with the generation it works on (variable generationId), on whatever thread runs it
        context.getCamelContextExtension().addInterceptStrategy(new GenerationIdInLogs());

        KieSandbox sandbox = KieSandbox.startIfEnabled(settings, context);
        if (sandbox == null && settings.optional("app.kie.api-key").isEmpty()) {
            throw new IllegalStateException("KIE_AI_API_KEY is not configured");
        }
        // after the sandbox: its own Kie.ai key (an override it sets) is masked too
        SECRET_SETTINGS.forEach(key -> settings.optional(key).ifPresent(SecretMask::remember));
        ModelCatalog catalog = new ModelCatalog(Path.of(settings.text("app.models.catalog-file", "models.yaml")),
                key -> settings.optional(key).orElse(null), soldModels(settings), Clock.systemUTC());
        watch(context, catalog);
        ModelAvailability availability = new ModelAvailability(Duration.ofMillis(settings.number("app.models.pause-ms", 3_600_000)),
                Clock.systemUTC());
        if (settings.optional("app.instance-id").isEmpty()) {
            // names this instance in the poller's leases (sql/claim-due-generations.sql)
            context.getPropertiesComponent().addOverrideProperty("app.instance-id", InstanceId.generate());
        }

        Database database = Database.open(settings);
        context.addService(closing(database));
        context.getRegistry().bind("appDataSource", database.dataSource());

        // the host names of caller-given URLs (image_urls, webhookUrl): resolved off the event loops, bounded in time and number
        HostLookups hostLookups = hostLookups(settings, context);
        context.addService(closing(hostLookups));
        context.getRegistry().bind("hostLookups", hostLookups);
        GenerateRequests generateRequests;
        context.getRegistry().bind("generateRequests", generateRequests = new GenerateRequests(catalog, availability,
                new MediaUrls((int) settings.number("app.request.max-media-urls", 4), (int) settings.number("app.request.max-media-url-length", 2048),
                        hostLookups),
                (int) settings.number("app.request.max-prompt-length", 10000)));
        boolean paid = settings.flag("app.x402.enabled", true);
        CreateQueue createQueue = new CreateQueue((int) settings.number("app.kie.create-rate", 20),
                settings.number("app.kie.create-window-ms", 10_000),
                paid ? settings.number("app.x402.max-timeout-seconds", 300) * 1000 - settings.number("app.queue.settle-margin-ms", 30_000)
                        : settings.number("app.queue.max-wait-ms", 270_000));
        context.getRegistry().bind("createQueue", createQueue);
        GenerationResponses generationResponses = new GenerationResponses(createQueue, settings.required("app.public-base-url"),
                (int) settings.number("app.storage.retention-days", 30), (int) settings.number("app.storage.origin-retention-days", 14));
        context.getRegistry().bind("generationResponses", generationResponses);
        String webhookSecret = settings.optional("app.webhooks.secret").orElse(null);
        Webhooks webhooks = new Webhooks(webhookSecret == null ? null : new StandardWebhookSigner(webhookSecret),
                new MediaUrls(1, (int) settings.number("app.request.max-media-url-length", 2048), hostLookups),
                settings.flag("app.webhooks.allow-insecure-urls", false), generationResponses, Clock.systemUTC());
        if (settings.flag("app.webhooks.allow-insecure-urls", false)) {
            LOG.warn("app.webhooks.allow-insecure-urls=true: webhooks may go to http and private addresses (local testing only)");
        }
        context.getRegistry().bind("webhooks", webhooks);
        // webhooks go out on their own client and senders (routes/70-webhooks.yaml): a receiver is whoever a caller names
        int webhookSenders = (int) settings.number("app.webhooks.concurrency", 8);
        WebhookClient webhookClient = new WebhookClient(settings.number("app.webhooks.timeout-ms", 5000), webhookSenders,
                settings.flag("app.webhooks.allow-insecure-urls", false), hostLookups);
        WebhookSenders senders = new WebhookSenders(webhookSenders);
        context.getRegistry().bind("webhookClient", webhookClient);
        context.getRegistry().bind("webhookSenders", senders);
        closeWhenStopped(context, () -> {
            senders.shutdownNow();
            webhookClient.close();
        });
        generateRequests.setWebhooks(webhooks);
        ownCopies(context, settings, hostLookups, sandbox != null);
        context.getRegistry().bind("modelListing", new ModelListing(catalog, availability,
                (int) settings.number("app.request.max-prompt-length", 10000), createQueue));
        context.getRegistry().bind("kieMessages", new KieMessages(settings.required("app.public-base-url"), availability, catalog));
        context.getRegistry().bind("errorResponses", new ErrorResponses());

        X402Payments payments = payments(settings, context);
        // the payment gate of routes/15-payment.yaml: the x402 core (no Camel in it) and its route steps
        String resourceUrl = settings.required("app.public-base-url").replaceAll("/+$", "") + "/api/generate";
        // what each entry's facilitator supports, read from its /supported (routes/15-payment.yaml facilitator-supported-read)
        PaymentOptions options = payments.options();
        context.getRegistry().bind("facilitatorStep", new FacilitatorStep(options));
        PaymentGate gate = payments.enabled() ? new PaymentGate(options, Clock.systemUTC()) : null;
        // sign-in-with-x: the paying wallet reads its generations again without its access token (routes/55-my-generations.yaml)
        boolean signInOn = payments.enabled() && settings.flag("app.siwx.enabled", true);
        SignInWithX signIn = new SignInWithX(settings.required("app.public-base-url"),
                signInOn ? options.all().stream().map(o -> o.network().caip2()).distinct().toList() : List.of(),
                database.readTokenKey(), Duration.ofSeconds(settings.number("app.siwx.validity-seconds", 300)), Clock.systemUTC());
        context.getRegistry().bind("signInWithX", signIn);
        context.getRegistry().bind("paymentGate", new PaymentGateStep(gate, gate == null ? null
                : new ChallengeAnswers(options, resourceUrl, new BazaarDiscovery(catalog), signInOn ? signIn : null),
                resourceUrl, database.readTokenKey()));
        // error codes the deployment's own YAML steps answer: in the document's Error schema too (a generated client reads them)
        List<String> ownCodes = Arrays.stream(settings.text("app.api.extra-error-codes", "").split(","))
                .map(String::strip).filter(c -> !c.isEmpty()).toList();
        context.getRegistry().bind("openApiDocument", new OpenApiDocument(catalog, settings.required("app.public-base-url"), ownCodes));
        context.getRegistry().bind("wellKnownX402", new WellKnownX402(catalog, settings.required("app.public-base-url"),
                options == null ? null : options.networks(), payments.enabled()));
        context.getRegistry().bind("x402Payments", payments);
        context.getRegistry().bind("payerBalances", new PayerBalances(payments));
        context.getRegistry().bind("settleStep", new SettleStep());
        context.getRegistry().bind("reconciliationReport", new ReconciliationReport(payments, Long.parseLong(settings.required("app.admin.report-blocks"))));

        GenerationWaiters waiters = new GenerationWaiters((int) settings.number("app.longpoll.max-held", 2000),
                (int) settings.number("app.longpoll.max-per-generation", 20));
        context.getRegistry().bind("generationWaiters", waiters);
        FinalStateListener listener = new FinalStateListener(database.dataSource(), waiters);
        context.addService(listener);
        // PostgreSQL is known to be out of reach while the LISTEN connection is lost (503 database_unavailable)
        DatabaseOutage outage = new DatabaseOutage(listener::lost);
        context.getRegistry().bind("databaseOutage", outage);
        String callbackProblem = CallbackAddress.problem(settings.required("app.public-base-url"));
        if (sandbox == null && callbackProblem != null) {
            LOG.warn("\n"
                    + "************************************************************************************\n"
                    + "*  KIE.AI CANNOT CALL BACK: {}\n"
                    + "************************************************************************************", callbackProblem);
        }
        registerReadiness(context, settings, database, listener, sandbox, payments);
        GatewayMetrics metrics = new GatewayMetrics(context, database.dataSource(), waiters, settings.required("app.kie.api-url"),
                settings.number("app.metrics.refresh-ms", 15_000), createQueue);
        context.addService(metrics);
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext ctx, boolean alreadyStarted) {
                // Camel's Micrometer registry exists once the context is fully started
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext ctx, boolean alreadyStarted) {
                metrics.bind();
            }
        });

        // platform-http runs on our Vert.x: it lets the front door act before the port opens (see GatewayVertx)
        FrontDoor frontDoor = new FrontDoor(context, settings.number("camel.server.max-body-size", 65_536));
        // route steps run on Vert.x worker threads and wait on the facilitator, Kie.ai and the chain: a paid request
        // holds one for its whole verify -> createTask -> settle, so the pool is what caps concurrent paid requests
        Vertx vertx = Vertx.vertx(GatewayVertx.options((int) settings.number("app.http.worker-threads", 64),
                settings.number("app.http.max-event-loop-execute-ms", 2000), settings.number("app.http.blocked-thread-check-ms", 1000)));
        ConnectionDeadlines deadlines = new ConnectionDeadlines(settings.number("app.http.header-timeout-ms", 10_000),
                settings.number("app.http.body-timeout-ms", 30_000), settings.number("app.http.idle-timeout-ms", 75_000));
        context.getRegistry().bind("gatewayVertx", new GatewayVertx(vertx, frontDoor::install, eventLoops(settings), deadlines));
        closeWhenStopped(context, () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        context.addStartupListener(new RouterSetup(frontDoor, waiters, settings.number("app.longpoll.timeout-ms", 300_000)));
        if (sandbox != null) {
            context.addService(sandbox);
        }
    }

    /**
     * Our own copies of result files (routes/80-storage.yaml): the store (a local directory by default, or S3), the
     * fetcher of Kie.ai's links, and the workers that copy. The sandbox's files are on loopback, so it lets the
     * fetcher reach them.
     */
    private static void ownCopies(CamelContext context, Settings settings, HostLookups hostLookups, boolean sandbox) throws Exception {
        String type = settings.text("app.storage.type", "local").trim().toLowerCase(java.util.Locale.ROOT);
        long timeoutMs = settings.number("app.storage.timeout-ms", 600_000);
        VideoStore store;
        java.util.function.Supplier<java.nio.file.Path> workDir;
        switch (type) {
            case "local" -> {
                LocalVideoStore local = new LocalVideoStore(java.nio.file.Path.of(settings.text("app.storage.local-dir", "data/videos")));
                store = local;
                workDir = () -> {
                    try {
                        return local.incoming();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
            }
            case "s3" -> {
                S3VideoStore s3 = new S3VideoStore(new S3VideoStore.Settings(settings.optional("app.storage.s3.bucket").orElse(null),
                        settings.text("app.storage.s3.prefix", ""), settings.text("app.storage.s3.region", ""),
                        settings.text("app.storage.s3.endpoint", ""), settings.text("app.storage.s3.access-key", ""),
                        settings.text("app.storage.s3.secret-key", ""), timeoutMs));
                store = s3;
                closeWhenStopped(context, s3::close);
                java.nio.file.Path tmp = java.nio.file.Files.createDirectories(java.nio.file.Path.of(
                        settings.text("app.storage.work-dir", System.getProperty("java.io.tmpdir"))));
                workDir = () -> tmp;
            }
            default -> throw new IllegalStateException("app.storage.type must be local or s3, not '" + type + "'");
        }
        boolean insecure = settings.flag("app.storage.allow-insecure-origins", false) || sandbox;
        if (settings.flag("app.storage.allow-insecure-origins", false)) {
            LOG.warn("app.storage.allow-insecure-origins=true: result files may be fetched over http from private addresses (local testing only)");
        }
        int workers = (int) settings.number("app.storage.concurrency", 2);
        OriginFetcher fetcher = new OriginFetcher(settings.number("app.storage.max-bytes", 1L << 30), timeoutMs,
                settings.number("app.storage.read-timeout-ms", 30_000), workers, insecure, hostLookups, workDir);
        WebhookSenders copyWorkers = new WebhookSenders(workers, "copy-worker");
        context.getRegistry().bind("storedCopies", new StoredCopies(store, fetcher));
        context.getRegistry().bind("copyWorkers", copyWorkers);
        closeWhenStopped(context, () -> {
            copyWorkers.shutdownNow();
            fetcher.close();
        });
        LOG.info("Own copies of result files: {}, kept {} days", store.describe(), settings.number("app.storage.retention-days", 30));
    }

    /**
     * /observe/health/ready: what a paid request needs. The database; the LISTEN connection that wakes long-poll
     * callers; Kie.ai (or the sandbox); the facilitator when x402 is on. Remote ones are a TCP connect, kept 30 s.
     */
    private static void registerReadiness(CamelContext context, Settings settings, Database database, FinalStateListener listener,
                                          KieSandbox sandbox, X402Payments payments) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            return; // camel.management.health-check-enabled=false
        }
        health.register(new ReadinessCheck("database", database::problem));
        health.register(new ReadinessCheck("generation-listener", listener::problem));
        Reachability kie = new Reachability(settings.required("app.kie.api-url"), 2000, 30_000);
        health.register(new ReadinessCheck("kie", sandbox != null ? sandbox::problem : kie::problem));
        if (sandbox == null) {
            // a public URL Kie.ai cannot reach slows results (the poller), fails none: a detail, not DOWN
            String callbackProblem = CallbackAddress.problem(settings.required("app.public-base-url"));
            health.register(ReadinessCheck.advisory("callback-address", () -> callbackProblem));
        }
        if (payments.enabled()) {
            // each entry's facilitator reachable, and usable: it takes our credentials and supports the entry's network
            // (its /supported). Down only when no entry is usable: one dropped entry is logged, the others are still sold
            PaymentOptions options = payments.options();
            Map<String, Reachability> reach = new LinkedHashMap<>();
            for (PaymentOption option : options.all()) {
                reach.computeIfAbsent(option.facilitatorUrl(), url -> new Reachability(url, 2000, 30_000));
            }
            health.register(new ReadinessCheck("facilitator", () -> {
                List<String> problems = new ArrayList<>();
                for (PaymentOption option : options.all()) {
                    String unreachable = reach.get(option.facilitatorUrl()).problem();
                    String problem = unreachable != null ? unreachable : option.support().problem();
                    if (problem == null) {
                        return null;
                    }
                    problems.add(options.all().size() == 1 ? problem : option.entry().key() + " (" + option.network().caip2() + "): " + problem);
                }
                return problems.size() == 1 ? problems.get(0) : "no payment option is usable: " + String.join("; ", problems);
            }, () -> {
                // each entry dropped while others remain: "dropped app.x402.accepts[1] (eip155:43114)" -> why
                Map<String, String> notes = new LinkedHashMap<>();
                options.dropped().forEach((entry, why) -> notes.put("dropped " + entry, why));
                // unconfirmed payments on a network no entry serves any more: money in doubt until it is configured again
                notes.putAll(payments.unreconcilable());
                return notes;
            }));
        }
    }

    private static X402Payments payments(Settings settings, CamelContext context) {
        if (!settings.flag("app.x402.enabled", true)) {
            LOG.warn("\n"
                    + "************************************************************************************\n"
                    + "*  x402 PAYMENT IS OFF (app.x402.enabled=false): every generation is FREE.\n"
                    + "*  Only for a trusted internal deployment or the sandbox.\n"
                    + "************************************************************************************");
            return new X402Payments(false, null);
        }
        List<AcceptEntry> entries = X402Accepts.fromProperties(key -> settings.optional(key).orElse(null));
        for (AcceptEntry entry : entries) {
            X402Settings x402 = entry.settings();
            // secrets of every entry are masked wherever they might be logged (a PEM secret line by line)
            x402.cdpKey().ifPresent(key -> key.secretParts().forEach(SecretMask::remember));
            x402.facilitatorAuthorization().ifPresent(SecretMask::remember);
            // RPC providers put their API key in the URL (a chain's public RPC is no secret)
            entry.rpcUrl().filter(rpc -> !entry.network().publicRpcUrl().equals(java.util.Optional.of(rpc))).ifPresent(SecretMask::remember);
            if (entry.rpcUrl().isEmpty()) {
                // routes/45-payment-reconciler.yaml asks the chain about payments whose settlement is unknown
                LOG.warn("{}: no RPC for {} (rpc-url): no balance read, and a payment whose settlement answer is lost stays"
                        + " 'confirming' until one is set", entry.key(), x402.network().caip2());
            }
            LOG.info("x402 payments ({}) to {} on {} in {} ({}), facilitator {}{}", entry.key(), x402.payTo(), x402.network().caip2(),
                    x402.asset().eip712Name(), x402.asset().address(), x402.facilitatorUrl(),
                    x402.cdpKey().map(key -> " (CDP, a JWT per request, key " + key.id() + ", " + key.type() + ")").orElse(""));
        }
        return new X402Payments(true, PaymentOptions.of(entries, Clock.systemUTC()));
    }

    /** After the whole context has stopped (the HTTP server included), not as one service among others. */
    private static void closeWhenStopped(CamelContext context, AutoCloseable resource) {
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) throws Exception {
                if (event instanceof CamelEvent.CamelContextStoppedEvent) {
                    resource.close();
                }
            }
        });
    }

    private static ServiceSupport closing(AutoCloseable resource) {
        return new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        };
    }

    /**
     * app.http.dns-*: lookups on a pool of their own (dns-threads), at most dns-max-in-flight names at once, nobody
     * waiting longer than dns-timeout-ms, answers kept dns-cache-ms (names that do not resolve: dns-failed-cache-ms).
     * app.http.dns-resolver (#class:..., tests) replaces the system resolver.
     */
    private static HostLookups hostLookups(Settings settings, CamelContext context) throws Exception {
        HostLookups.Limits limits = new HostLookups.Limits((int) settings.number("app.http.dns-threads", 4),
                (int) settings.number("app.http.dns-max-in-flight", 32), Duration.ofMillis(settings.number("app.http.dns-timeout-ms", 2000)),
                Duration.ofMillis(settings.number("app.http.dns-cache-ms", 30_000)),
                Duration.ofMillis(settings.number("app.http.dns-failed-cache-ms", 10_000)), 10_000);
        HostLookups.Resolver resolver = HostLookups.system();
        if (settings.optional("app.http.dns-resolver").isPresent()) {
            Object bean = PropertyBindingSupport.resolveBean(context, settings.required("app.http.dns-resolver"));
            if (!(bean instanceof HostLookups.Resolver given)) {
                throw new IllegalStateException("app.http.dns-resolver must name a HostLookups.Resolver, not " + bean);
            }
            resolver = given;
            LOG.warn("app.http.dns-resolver: host names are resolved by {}, not by the system resolver", given.getClass().getName());
        }
        return new HostLookups(resolver, limits);
    }

    /** The catalog file is looked at every second off the event loops (which read the catalog but never touch the disk). */
    private static void watch(CamelContext context, ModelCatalog catalog) throws Exception {
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(() -> {
            try {
                catalog.look();
            } catch (RuntimeException e) {
                LOG.warn("Models catalog not looked at: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        context.addService(closing(watch::shutdownNow));
    }

    /** app.http.event-loops, 0 meaning one per CPU (Vert.x has twice as many event loops as CPUs to run them on). */
    private static int eventLoops(Settings settings) {
        int asked = (int) settings.number("app.http.event-loops", 0);
        return asked > 0 ? asked : Runtime.getRuntime().availableProcessors();
    }
}
