package dev.videogate.kie.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link KieSimulator} standalone until interrupted (Ctrl-C).
 *
 * <pre>
 * java -cp ... dev.videogate.kie.sim.KieSimulatorMain [--port 8089] [--generation-millis 1500]
 *      [--api-key KEY] [--credits 10000] [--webhook-hmac-key KEY] [--pause MODEL[,MODEL...]]...
 * </pre>
 * {@code --pause} (repeatable, or a comma-separated list) names models paused from the start: market ids such as
 * {@code sora-2-text-to-video} or Veo ids {@code veo3}, {@code veo3_fast}, {@code veo3_lite}. The environment
 * variable {@value #PAUSED_MODELS_ENV} (a comma-separated list) adds more.
 * The API key defaults to {@code sim-key}; it is never printed. Once listening it prints one line
 * {@code KIE_SIMULATOR_READY <base URL>} (the gateway's sandbox waits for it), and it stops when its
 * standard input closes (the sandbox's way of stopping it) or on Ctrl-C.
 */
public final class KieSimulatorMain {

    /** The line that says the simulator listens, followed by its base URL. */
    public static final String READY = "KIE_SIMULATOR_READY";
    /** Environment variable: comma-separated models paused from the start (added to any {@code --pause}). */
    public static final String PAUSED_MODELS_ENV = "KIE_SIM_PAUSED_MODELS";

    private KieSimulatorMain() {
    }

    /** The settings the command line and the environment ask for (port 8089 unless told). */
    static SimulatorSettings settings(String[] args, Map<String, String> env) {
        SimulatorSettings settings = new SimulatorSettings().port(8089);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg + " in " + Arrays.toString(args));
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> settings.port(Integer.parseInt(value));
                case "--generation-millis" -> settings.generationMillis(Long.parseLong(value));
                case "--latency-millis" -> settings.responseLatencyMillis(Long.parseLong(value));
                case "--api-key" -> settings.apiKey(value);
                case "--credits" -> settings.credits(Long.parseLong(value));
                case "--webhook-hmac-key" -> settings.webhookHmacKey(value);
                case "--pause" -> modelList(value).forEach(settings::pauseModel);
                case "--callback-retry-delay-millis" -> settings.callbackRetryDelayMillis(Long.parseLong(value));
                // N/MILLIS: at most N create calls in any MILLIS, more answer 429 (Kie.ai: about 20/10000)
                case "--create-rate-limit" -> {
                    String[] parts = value.split("/");
                    settings.createRateLimit(Integer.parseInt(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 10_000);
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        String fromEnv = env.get(PAUSED_MODELS_ENV);
        if (fromEnv != null) {
            modelList(fromEnv).forEach(settings::pauseModel);
        }
        return settings;
    }

    /** "a, b,,c" -> [a, b, c]. */
    static List<String> modelList(String commaSeparated) {
        List<String> models = new ArrayList<>();
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                models.add(part.trim());
            }
        }
        return models;
    }

    public static void main(String[] args) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println("options: --port N --generation-millis N --latency-millis N --api-key KEY "
                    + "--credits N --webhook-hmac-key KEY --pause MODEL[,MODEL...] --callback-retry-delay-millis N --create-rate-limit N/MILLIS; "
                    + "environment: " + PAUSED_MODELS_ENV + "=MODEL[,MODEL...]");
            return;
        }
        SimulatorSettings settings = settings(args, System.getenv());
        KieSimulator simulator = new KieSimulator(settings).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "kie-sim-shutdown"));
        System.out.println("Kie.ai simulator: base URL " + simulator.baseUrl()
                + " (Authorization: Bearer <the --api-key, default sim-key>). Ctrl-C stops it.");
        System.out.println("Prompt directives: [sim:fail] [sim:fail:<msg>] [sim:no-callback] "
                + "[sim:double-callback] [sim:slow:<ms>] [sim:stuck]");
        System.out.println(READY + " " + simulator.baseUrl());
        System.out.flush();
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read; end of input means the parent is done with us
                }
            } catch (java.io.IOException ignored) {
                // same as end of input
            }
            System.exit(0); // runs the shutdown hook
        }, "kie-sim-stdin");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        stopped.await();
    }
}
