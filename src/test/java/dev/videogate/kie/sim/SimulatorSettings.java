package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToIntBiFunction;

/**
 * Settings of a {@link KieSimulator}. A small mutable class with fluent setters; the simulator takes a copy
 * when it is constructed, so changing a settings object afterwards does not affect a running simulator (use the
 * simulator's own scripting methods for that).
 */
public final class SimulatorSettings {

    /**
     * Market models createTask knows by default (Kie.ai ids that go through {@code jobs/createTask}). The Veo models
     * (veo3, veo3_fast, veo3_lite) are served by veo/generate and need no entry here.
     */
    public static final List<String> DEFAULT_MODELS = List.of(
            "sora-2-text-to-video",
            "sora-2-image-to-video",
            "sora-2-pro-text-to-video",
            "sora-2-pro-image-to-video",
            "kling-2.6/text-to-video",
            "kling-2.6/image-to-video",
            "wan/2-6-text-to-video",
            "bytedance/seedance-1.5-pro",
            "kling-3.0/video",
            "bytedance/seedance-2",
            "bytedance/seedance-2-fast",
            "wan/2-7-text-to-video",
            "hailuo/02-text-to-video-pro",
            "hailuo/02-text-to-video-standard",
            "grok-imagine/text-to-video");

    /**
     * Default cost rule: {@link ModelRules#credits}, each model's own price after Kie.ai's lists (Sora 2 30/45,
     * Kling 2.6 55/110 doubled with sound, Seedance 1.5 Pro and Wan 2.6 by duration and resolution, Veo 3.1 per clip
     * and resolution; Kling 3.0, Seedance 2, Wan 2.7, Hailuo 02 and Grok Imagine per second); 50 for a model without
     * its own rules. For a Veo model the second argument is the whole
     * veo/generate body.
     */
    public static final ToIntBiFunction<String, JsonNode> DEFAULT_COST_RULE = ModelRules::credits;

    private String apiKey = "sim-key";
    private int port = 0;
    private long generationMillis = 1500;
    private long responseLatencyMillis = 0;
    private long credits = 10_000;
    private String webhookHmacKey;
    private Set<String> pausedModels = new LinkedHashSet<>();
    private Set<String> knownModels = new LinkedHashSet<>(DEFAULT_MODELS);
    private ToIntBiFunction<String, JsonNode> creditsPerTask = DEFAULT_COST_RULE;
    private int callbackRetries = 3;
    private long callbackRetryDelayMillis = 2000;
    private long callbackTimeoutMillis = 15_000;
    private boolean callbacksEnabled = true;
    private String messageField = "msg";
    private int httpThreads = 32;
    private int createRateLimit = 0;
    private long createRateWindowMillis = 10_000;

    public SimulatorSettings() {
    }

    /** A copy of {@code other} (sets are copied, the cost function is shared). */
    public SimulatorSettings(SimulatorSettings other) {
        this.apiKey = other.apiKey;
        this.port = other.port;
        this.generationMillis = other.generationMillis;
        this.responseLatencyMillis = other.responseLatencyMillis;
        this.credits = other.credits;
        this.webhookHmacKey = other.webhookHmacKey;
        this.pausedModels = new LinkedHashSet<>(other.pausedModels);
        this.knownModels = new LinkedHashSet<>(other.knownModels);
        this.creditsPerTask = other.creditsPerTask;
        this.callbackRetries = other.callbackRetries;
        this.callbackRetryDelayMillis = other.callbackRetryDelayMillis;
        this.callbackTimeoutMillis = other.callbackTimeoutMillis;
        this.callbacksEnabled = other.callbacksEnabled;
        this.messageField = other.messageField;
        this.httpThreads = other.httpThreads;
        this.createRateLimit = other.createRateLimit;
        this.createRateWindowMillis = other.createRateWindowMillis;
    }

    public static SimulatorSettings defaults() {
        return new SimulatorSettings();
    }

    /** The Bearer key the simulator accepts (default {@code sim-key}). */
    public SimulatorSettings apiKey(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        return this;
    }

    /** Port on 127.0.0.1; 0 (default) picks a free port. */
    public SimulatorSettings port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.port = port;
        return this;
    }

    /** Time from createTask to the final state (default 1500 ms). */
    public SimulatorSettings generationMillis(long millis) {
        this.generationMillis = requireNonNegative(millis, "generationMillis");
        return this;
    }

    /** Delay added to every {@code /api/v1} answer (default 0). */
    public SimulatorSettings responseLatencyMillis(long millis) {
        this.responseLatencyMillis = requireNonNegative(millis, "responseLatencyMillis");
        return this;
    }

    /** Starting credit balance (default 10000). */
    public SimulatorSettings credits(long credits) {
        this.credits = requireNonNegative(credits, "credits");
        return this;
    }

    /** Webhook HMAC key; {@code null} (default) sends unsigned callbacks. */
    public SimulatorSettings webhookHmacKey(String key) {
        this.webhookHmacKey = key;
        return this;
    }

    /**
     * Models paused from the start (and again after {@link KieSimulator#reset()}): their createTask, or veo/generate
     * for veo3/veo3_fast/veo3_lite, answers code 500 "This interface is temporarily paused".
     */
    public SimulatorSettings pausedModels(Collection<String> models) {
        this.pausedModels = new LinkedHashSet<>(models);
        return this;
    }

    public SimulatorSettings pauseModel(String model) {
        this.pausedModels.add(model);
        return this;
    }

    /** Models createTask accepts; others answer 422. */
    public SimulatorSettings knownModels(Collection<String> models) {
        this.knownModels = new LinkedHashSet<>(models);
        return this;
    }

    public SimulatorSettings addKnownModel(String model) {
        this.knownModels.add(model);
        return this;
    }

    /**
     * Cost of one task in credits, from the model id and the request's {@code input} object (for a Veo model, the
     * whole veo/generate body); checked at creation, charged on success. Default {@link #DEFAULT_COST_RULE}.
     */
    public SimulatorSettings creditsPerTask(ToIntBiFunction<String, JsonNode> rule) {
        this.creditsPerTask = Objects.requireNonNull(rule, "rule");
        return this;
    }

    /** How many times a callback that got no 2xx is retried (default 3, like Kie.ai). */
    public SimulatorSettings callbackRetries(int retries) {
        if (retries < 0) {
            throw new IllegalArgumentException("callbackRetries must be >= 0");
        }
        this.callbackRetries = retries;
        return this;
    }

    /** Pause between callback attempts (default 2000 ms; tests use less). */
    public SimulatorSettings callbackRetryDelayMillis(long millis) {
        this.callbackRetryDelayMillis = requireNonNegative(millis, "callbackRetryDelayMillis");
        return this;
    }

    /** How long one callback attempt waits for the receiver (default 15000 ms, like Kie.ai). */
    public SimulatorSettings callbackTimeoutMillis(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("callbackTimeoutMillis must be > 0");
        }
        this.callbackTimeoutMillis = millis;
        return this;
    }

    /** Whether callbacks are sent at all (default true). */
    public SimulatorSettings callbacksEnabled(boolean enabled) {
        this.callbacksEnabled = enabled;
        return this;
    }

    /**
     * Name of the message field in API answers: {@code "msg"} (default, as in most of Kie.ai's answers) or
     * {@code "message"} (as in Kie.ai's documented recordInfo sample), to test a client's tolerance.
     */
    public SimulatorSettings messageField(String name) {
        if (!"msg".equals(name) && !"message".equals(name)) {
            throw new IllegalArgumentException("messageField must be msg or message");
        }
        this.messageField = name;
        return this;
    }

    /** Threads of the HTTP server's fixed pool (default 32). */
    public SimulatorSettings httpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("httpThreads must be >= 1");
        }
        this.httpThreads = threads;
        return this;
    }

    /**
     * Kie.ai's create rate limit: at most {@code creates} create calls (createTask, veo/generate, runway/generate
     * together) answered in any {@code windowMillis}; more answer HTTP 429, code 429, as Kie.ai does (its documented
     * limit is about 20 per 10 s). 0 (default) sets no limit. A refused call does not count.
     */
    public SimulatorSettings createRateLimit(int creates, long windowMillis) {
        if (creates < 0 || windowMillis <= 0) {
            throw new IllegalArgumentException("createRateLimit needs creates >= 0 and windowMillis > 0");
        }
        this.createRateLimit = creates;
        this.createRateWindowMillis = windowMillis;
        return this;
    }

    public int createRateLimit() {
        return createRateLimit;
    }

    public long createRateWindowMillis() {
        return createRateWindowMillis;
    }

    public String apiKey() {
        return apiKey;
    }

    public int port() {
        return port;
    }

    public long generationMillis() {
        return generationMillis;
    }

    public long responseLatencyMillis() {
        return responseLatencyMillis;
    }

    public long credits() {
        return credits;
    }

    public String webhookHmacKey() {
        return webhookHmacKey;
    }

    public Set<String> pausedModels() {
        return Set.copyOf(pausedModels);
    }

    public Set<String> knownModels() {
        return Set.copyOf(knownModels);
    }

    public ToIntBiFunction<String, JsonNode> creditsPerTask() {
        return creditsPerTask;
    }

    public int callbackRetries() {
        return callbackRetries;
    }

    public long callbackRetryDelayMillis() {
        return callbackRetryDelayMillis;
    }

    public long callbackTimeoutMillis() {
        return callbackTimeoutMillis;
    }

    public boolean callbacksEnabled() {
        return callbacksEnabled;
    }

    public String messageField() {
        return messageField;
    }

    public int httpThreads() {
        return httpThreads;
    }

    private static long requireNonNegative(long value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0");
        }
        return value;
    }

    @Override
    public String toString() {
        // never print the API key or the webhook key
        return "SimulatorSettings{port=" + port + ", generationMillis=" + generationMillis
                + ", responseLatencyMillis=" + responseLatencyMillis + ", credits=" + credits
                + ", signedCallbacks=" + (webhookHmacKey != null) + ", pausedModels=" + pausedModels
                + ", knownModels=" + knownModels + ", callbackRetries=" + callbackRetries
                + ", callbackRetryDelayMillis=" + callbackRetryDelayMillis + "}";
    }
}
