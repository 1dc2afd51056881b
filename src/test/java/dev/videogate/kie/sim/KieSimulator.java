package dev.videogate.kie.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback HTTP simulator of Kie.ai's market API ({@code jobs/createTask}, {@code jobs/recordInfo},
 * {@code chat/credit}) and of its Veo 3.1 API ({@code veo/generate}, {@code veo/record-info},
 * {@code veo/get-1080p-video}) with callbacks, for tests and for the gateway's sandbox mode. It binds to 127.0.0.1
 * only. What each model accepts and costs is in {@link ModelRules}, which other modules' tests may ask directly.
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /api/v1/jobs/createTask} {@code {"model","callBackUrl","input":{...}}} answers
 *       {@code {"code":200,"msg":"success","data":{"taskId":"<32 hex>"}}} when {@code input} passes the model's
 *       rules ({@link ModelRules}).</li>
 *   <li>{@code GET /api/v1/jobs/recordInfo?taskId=} answers the task record: {@code taskId, model, state
 *       (waiting|queuing|generating|success|fail), param (the create request as a JSON string), resultJson (a JSON
 *       string {"resultUrls":[...]} once succeeded, else ""), failCode, failMsg ("" unless failed), costTime (ms, null
 *       while running), completeTime (null while running), createTime, updateTime, consumeCredits (null while
 *       running, 0 on failure, the model's price on success)}, plus {@code progress} (0-100) for {@code sora-2*}
 *       models as Kie documents.</li>
 *   <li>{@code POST /api/v1/veo/generate} {@code {"prompt","model","generationType","imageUrls","aspect_ratio",
 *       "resolution","callBackUrl",...}} answers {@code {"code":200,"msg":"success","data":{"taskId":"<32 hex>"}}}
 *       when the body passes the Veo rules ({@link ModelRules}; {@code model} defaults to veo3_fast).</li>
 *   <li>{@code GET /api/v1/veo/record-info?taskId=} answers {@code taskId, paramJson (the generate request as a JSON
 *       string), successFlag (0 running, 1 success, 2 failed), response (null until success, then {"taskId",
 *       "resultUrls":[...],"originUrls":[...],"resolution"}), errorCode (null, or 501 when failed), errorMessage
 *       ("" unless failed), createTime, completeTime (null while running), fallbackFlag (false)}.</li>
 *   <li>{@code GET /api/v1/veo/get-1080p-video?taskId=&index=0} answers {@code {"code":200,"msg":"success",
 *       "data":{"resultUrl":"<url>"}}} once the Veo task succeeded; before that body code 400
 *       ({@value #MSG_VEO_1080P_NOT_READY}), and 400 ({@value #MSG_VEO_1080P_FAILED}) for a failed task.</li>
 *   <li>{@code POST /api/v1/runway/generate} {@code {"prompt","imageUrl","duration","quality","aspectRatio",
 *       "waterMark","callBackUrl"}} (no model) answers {@code {"code":200,"msg":"success","data":{"taskId"}}} when
 *       the body passes Runway's rules ({@link RunwayRules}); {@code GET /api/v1/runway/record-detail?taskId=}
 *       answers {@code taskId, state (wait|queueing|generating|success|fail), generateParam (the request),
 *       videoInfo ({"videoId","videoUrl","imageUrl"} once succeeded, else null), failCode, failMsg, expireFlag,
 *       createTime}; its callback is {@code {"code","msg","data":{"task_id","video_id","video_url","image_url"}}}.</li>
 *   <li>{@code GET /api/v1/chat/credit} answers {@code {"code":200,"msg":"success","data":<credits>}}.</li>
 *   <li>{@code GET /sim/videos/<taskId>.mp4} (and {@code <taskId>-1080p.mp4} for a Veo task) serves a fake MP4
 *       ({@code video/mp4}; an {@code ftyp} box, then zeros up to {@link #setVideoBytes}) for a succeeded task; these
 *       are the result URLs the simulator hands out. After {@link #expireOriginalLinks} they answer 403 (an expired
 *       link) unless they carry the {@code fresh} query a download-url answer adds.</li>
 *   <li>{@code POST /api/v1/common/download-url} {@code {"url"}} answers {@code {"code":200,"msg":"success","data":
 *       "<the url>?fresh=<token>"}} (a fresh link, 20 minutes on Kie.ai) for a URL this simulator handed out, else
 *       code 422.</li>
 * </ul>
 * Market, Veo and Runway tasks are kept apart like on Kie.ai: recordInfo does not know a Veo taskId, nor
 * veo/record-info a market one, nor runway/record-detail either (both answer as for an unknown task).
 *
 * <h2>Errors: HTTP status and body code</h2>
 * Kie.ai mostly answers HTTP 200 with the error in the body's {@code code}; a client must accept both styles. The
 * simulator answers (the body is always {@code {"code":C,"msg":M,"data":null}}):
 * <table>
 *   <caption>error answers</caption>
 *   <tr><th>case</th><th>HTTP</th><th>code</th><th>msg</th></tr>
 *   <tr><td>missing or wrong Bearer key (every /api/v1 endpoint)</td><td>401</td><td>401</td>
 *       <td>{@value #MSG_UNAUTHORIZED}</td></tr>
 *   <tr><td>rate limit (scripted with {@link #failNextCreates}/{@link #failNextRecordInfo})</td><td>as scripted,
 *       normally 429</td><td>429</td><td>as scripted</td></tr>
 *   <tr><td>createTask: missing or unknown model; input breaking the model's rules (missing required field, value
 *       not allowed, wrong type, prompt too long or too short, wrong number of image URLs, see {@link ModelRules});
 *       bad callBackUrl; body not JSON. veo/generate: the same for the Veo rules (bad model, generationType,
 *       imageUrls count, REFERENCE_2_VIDEO with veo3...)</td><td>200</td><td>422</td>
 *       <td>a description naming the field</td></tr>
 *   <tr><td>not enough credits for the model's price</td><td>200</td><td>402</td><td>{@value #MSG_CREDITS}</td></tr>
 *   <tr><td>paused model (createTask or veo/generate)</td><td>200</td><td>500</td><td>{@value #MSG_PAUSED}</td></tr>
 *   <tr><td>recordInfo or veo/record-info of an unknown taskId (Kie's observed answer); get-1080p-video of an
 *       unknown task</td><td>200</td><td>422</td><td>{@value #MSG_RECORD_NULL}</td></tr>
 *   <tr><td>recordInfo, veo/record-info or get-1080p-video without taskId</td><td>200</td><td>400</td>
 *       <td>{@value #MSG_TASK_ID_REQUIRED}</td></tr>
 *   <tr><td>get-1080p-video before the Veo task succeeded, or of a failed one</td><td>200</td><td>400</td>
 *       <td>{@value #MSG_VEO_1080P_NOT_READY} / {@value #MSG_VEO_1080P_FAILED}</td></tr>
 *   <tr><td>unknown path</td><td>404</td><td>404</td><td>Not Found</td></tr>
 *   <tr><td>wrong method</td><td>405</td><td>405</td><td>Method Not Allowed</td></tr>
 *   <tr><td>scripted errors (401/402/422/429/455/500/501/505...)</td><td>as scripted</td><td>as scripted</td>
 *       <td>as scripted</td></tr>
 * </table>
 * Scripted errors are answered before the key is checked; {@link #failNextCreates} serves createTask and
 * veo/generate from one queue, {@link #failNextRecordInfo} and {@link #delayNextRecordInfo} recordInfo and
 * veo/record-info. The order of checks in createTask is: key, JSON, model present, model paused, model known, input,
 * callBackUrl, credits; in veo/generate: key, JSON, model valid, model paused, body, credits.
 *
 * <h2>Lifecycle and credits</h2>
 * A task spends the first 10% of its generation time in {@code waiting}, up to 30% in {@code queuing}, then
 * {@code generating}, and ends in {@code success} (or {@code fail} by directive); a Veo task shows successFlag 0
 * until it ends with 1 (or 2). The task's cost ({@link SimulatorSettings#creditsPerTask}, by default each model's
 * own price from {@link ModelRules#credits}) is checked at creation (402 when the balance is lower) but only charged
 * when the task succeeds; failed tasks cost nothing.
 *
 * <h2>Callbacks</h2>
 * When a task ends and it has a {@code callBackUrl}, the simulator POSTs (from its scheduler, never from an HTTP
 * handler thread), for a market task, {@code {"code":200,"msg":"Playground task completed successfully.",
 * "data":{...record...}}} on success or {@code {"code":501,"msg":"Playground task failed.","data":{...record...}}}
 * on failure, where the record is the same object recordInfo answers in {@code data}; for a Veo task,
 * {@code {"code":200,"msg":"Veo3 video generated successfully.","data":{"taskId","info":{"resultUrls":[...],
 * "originUrls":[...],"resolution"},"fallbackFlag":false}}} on success or {@code {"code":501,"msg":<failure
 * message>,"data":{"taskId"}}} on failure. A receiver that does not answer 2xx within the timeout (15 s) is retried
 * up to {@code callbackRetries} times, {@code callbackRetryDelayMillis} apart. With a webhook HMAC key the headers
 * {@code X-Webhook-Timestamp} (epoch seconds) and {@code X-Webhook-Signature} =
 * Base64(HMAC-SHA256(key, taskId + "." + timestamp)) are added.
 *
 * <h2>Scripting</h2>
 * Prompt directives (see {@link PromptDirectives}; they work in Veo prompts too) and the methods below; all are
 * thread-safe. Counters: {@link #createTaskCalls()} and {@link #recordInfoCalls()} count the market endpoints,
 * {@link #veoGenerateCalls()}, {@link #veoRecordInfoCalls()} and {@link #veo1080pCalls()} the Veo ones;
 * {@link #recordInfoCalls(String)} counts a task's status reads on either.
 */
public final class KieSimulator implements AutoCloseable {

    public static final String MSG_UNAUTHORIZED = "You do not have access permissions";
    public static final String MSG_PAUSED = "This interface is temporarily paused";
    public static final String MSG_CREDITS = "The current credits are insufficient. Please top up.";
    public static final String MSG_RECORD_NULL = "recordInfo is null";
    public static final String MSG_TASK_ID_REQUIRED = "taskId parameter is required";
    public static final String MSG_CALLBACK_SUCCESS = "Playground task completed successfully.";
    public static final String MSG_CALLBACK_FAIL = "Playground task failed.";
    public static final int CALLBACK_CODE_FAIL = 501;
    public static final int MAX_PROMPT_LENGTH = 10_000;
    /** {@code msg} of a Veo success callback. */
    public static final String MSG_VEO_CALLBACK_SUCCESS = "Veo3 video generated successfully.";
    /** Body code of a Veo failure callback, and {@code errorCode} in its record-info. */
    public static final int VEO_CODE_FAIL = 501;
    /** {@code msg} of get-1080p-video (body code 400) while the task has not succeeded yet. */
    public static final String MSG_VEO_1080P_NOT_READY =
            "The 1080P video is not ready yet: the task is still being generated. Please try again later.";
    /** {@code msg} of get-1080p-video (body code 400) for a failed task. */
    public static final String MSG_VEO_1080P_FAILED = "The task failed; there is no 1080P video";

    /** A 24-byte MP4 {@code ftyp} box: enough for a "video/mp4" answer that sniffers accept. */
    static final byte[] FAKE_MP4 = {
            0x00, 0x00, 0x00, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0x00, 0x00, 0x02, 0x00,
            'i', 's', 'o', 'm', 'm', 'p', '4', '1'};

    private static final Logger LOG = LoggerFactory.getLogger(KieSimulator.class);
    private static final String API = "/api/v1";
    private static final String VIDEOS = "/sim/videos/";
    private static final String HD_SUFFIX = "-1080p";

    private final SimulatorSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();

    private final Map<String, SimTask> tasks = new ConcurrentHashMap<>();
    private final Set<String> pausedModels = ConcurrentHashMap.newKeySet();
    private final AtomicLong credits = new AtomicLong();
    private volatile boolean callbacksEnabled;

    private final Deque<ScriptedError> createErrors = new ArrayDeque<>();
    private final Deque<ScriptedError> recordInfoErrors = new ArrayDeque<>();
    private final Deque<Long> recordInfoDelays = new ArrayDeque<>();

    private final AtomicInteger createTaskCalls = new AtomicInteger();
    private final Deque<Long> createsInWindow = new ArrayDeque<>();
    private final AtomicInteger rateLimitedCreates = new AtomicInteger();
    private final AtomicInteger maxCreatesInWindow = new AtomicInteger();
    private final AtomicInteger recordInfoCalls = new AtomicInteger();
    private final Map<String, AtomicInteger> recordInfoCallsByTask = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> recordInfoInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxRecordInfoInFlightPerTask = new AtomicInteger();
    private final AtomicInteger creditCalls = new AtomicInteger();
    private final AtomicInteger callbacksSent = new AtomicInteger();
    private final AtomicInteger callbacksAcknowledged = new AtomicInteger();
    private final AtomicInteger veoGenerateCalls = new AtomicInteger();
    private final AtomicInteger veoRecordInfoCalls = new AtomicInteger();
    private final AtomicInteger veo1080pCalls = new AtomicInteger();
    private final AtomicInteger downloadUrlCalls = new AtomicInteger();
    private final AtomicInteger videoDownloads = new AtomicInteger();
    private volatile long videoBytes = FAKE_MP4.length;
    private volatile String videoContentType = "video/mp4";
    private volatile byte[] videoContent;
    private volatile boolean originalLinksExpired;
    private volatile boolean videosUnavailable;
    private final AtomicInteger runwayGenerateCalls = new AtomicInteger();
    private final AtomicInteger runwayRecordDetailCalls = new AtomicInteger();
    private static final String API_MARKET = "market";
    private static final String API_VEO = "veo";
    private static final String API_RUNWAY = "runway";
    private volatile RecordedRequest lastCreateRequest;

    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private HttpServer server;
    private ExecutorService httpPool;
    private ScheduledExecutorService scheduler;
    private ExecutorService callbackPool;
    private HttpClient callbackClient;
    private volatile int port = -1;
    private volatile boolean running;

    public KieSimulator() {
        this(new SimulatorSettings());
    }

    public KieSimulator(SimulatorSettings settings) {
        this.settings = new SimulatorSettings(settings);
        resetState();
    }

    // ------------------------------------------------------------------ lifecycle

    /** Binds 127.0.0.1 on the configured port (0 = a free port) and starts serving. Returns this. */
    public synchronized KieSimulator start() {
        if (running) {
            return this;
        }
        // The JDK server writes headers and body as two segments; without TCP_NODELAY the body waits for the
        // client's delayed ACK (tens of ms per answer). Kie.ai's own front ends do not do that, so neither do we.
        // Read once per JVM, when the first JDK HttpServer is made: set it unless the user chose otherwise.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), settings.port()), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind 127.0.0.1:" + settings.port(), e);
        }
        httpPool = Executors.newFixedThreadPool(settings.httpThreads(), daemonThreads("kie-sim-http"));
        scheduler = Executors.newScheduledThreadPool(2, daemonThreads("kie-sim-scheduler"));
        callbackPool = Executors.newCachedThreadPool(daemonThreads("kie-sim-callback"));
        callbackClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(settings.callbackTimeoutMillis()))
                .executor(callbackPool)
                .build();
        server.createContext("/", this::handle);
        server.setExecutor(httpPool);
        server.start();
        port = server.getAddress().getPort();
        running = true;
        LOG.info("Kie.ai simulator listening on {} ({})", baseUrl(), settings);
        return this;
    }

    /** Stops serving and drops pending callbacks. Idempotent. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        server.stop(0);
        scheduler.shutdownNow();
        httpPool.shutdownNow();
        callbackPool.shutdownNow();
        LOG.info("Kie.ai simulator on port {} stopped", port);
    }

    @Override
    public void close() {
        stop();
    }

    /** The bound port, once started. */
    public int port() {
        requireStarted();
        return port;
    }

    /** {@code http://127.0.0.1:PORT/api/v1}, the same shape as {@code https://api.kie.ai/api/v1}. */
    public String baseUrl() {
        return rootUrl() + API;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String rootUrl() {
        requireStarted();
        return "http://127.0.0.1:" + port;
    }

    /** The URL at which a succeeded task's fake video is served. */
    public String videoUrl(String taskId) {
        return rootUrl() + VIDEOS + taskId + ".mp4";
    }

    /** The URL veo/get-1080p-video hands out for a succeeded Veo task (served like {@link #videoUrl}). */
    public String video1080pUrl(String taskId) {
        return rootUrl() + VIDEOS + taskId + HD_SUFFIX + ".mp4";
    }

    public boolean isRunning() {
        return running;
    }

    /** The API key this simulator accepts (for code that wires a client to it; never logged). */
    public String apiKey() {
        return settings.apiKey();
    }

    // ------------------------------------------------------------------ scripting

    /** The next {@code times} createTask or veo/generate calls answer HTTP {@code httpStatus} with body code/msg. */
    public void failNextCreates(int times, int httpStatus, int code, String msg) {
        enqueue(createErrors, times, new ScriptedError(httpStatus, code, msg));
    }

    /** The next {@code times} recordInfo or veo/record-info calls answer HTTP {@code httpStatus} with body code/msg. */
    public void failNextRecordInfo(int times, int httpStatus, int code, String msg) {
        enqueue(recordInfoErrors, times, new ScriptedError(httpStatus, code, msg));
    }

    /** The next {@code times} recordInfo or veo/record-info calls wait {@code millis} before answering. */
    public void delayNextRecordInfo(int times, long millis) {
        synchronized (recordInfoDelays) {
            for (int i = 0; i < times; i++) {
                recordInfoDelays.addLast(millis);
            }
        }
    }

    /**
     * createTask (market model id) or veo/generate (veo3, veo3_fast, veo3_lite) for this model answers HTTP 200, code
     * 500 {@value #MSG_PAUSED}, before the input is looked at. Any id may be paused, known to the simulator or not.
     */
    public void pauseModel(String model) {
        pausedModels.add(model);
    }

    public void resumeModel(String model) {
        pausedModels.remove(model);
    }

    /** Models paused right now (from the settings and {@link #pauseModel}). */
    public Set<String> pausedModels() {
        return Set.copyOf(pausedModels);
    }

    public void setCredits(long value) {
        credits.set(value);
    }

    public long credits() {
        return credits.get();
    }

    /** Globally sends (true, default) or suppresses (false) callbacks of tasks that end from now on. */
    public void setCallbacksEnabled(boolean enabled) {
        callbacksEnabled = enabled;
    }

    /**
     * Sends the callback of an ended task again now (even for {@code [sim:no-callback]} tasks or with callbacks
     * disabled), with the usual retries. The future completes with the last HTTP status (-1 on a transport error).
     */
    public CompletableFuture<Integer> resendCallback(String taskId) {
        SimTask t = requireTask(taskId);
        observe(t);
        synchronized (t) {
            if (t.finalState == null) {
                throw new IllegalStateException("task " + taskId + " has not ended yet");
            }
        }
        if (t.callBackUrl == null) {
            throw new IllegalStateException("task " + taskId + " has no callBackUrl");
        }
        return deliver(t, 0);
    }

    /** The exact JSON body the simulator sends (or would send) as the callback of an ended task. */
    public String callbackBody(String taskId) {
        SimTask t = requireTask(taskId);
        observe(t);
        synchronized (t) {
            if (t.callbackBody == null) {
                throw new IllegalStateException("task " + taskId + " has not ended yet");
            }
            return t.callbackBody;
        }
    }

    /** A snapshot of a task, or {@code null} when the simulator does not know it. */
    public TaskSnapshot task(String taskId) {
        SimTask t = tasks.get(taskId);
        if (t == null) {
            return null;
        }
        observe(t);
        synchronized (t) {
            String state = stateOf(t, System.currentTimeMillis());
            List<String> urls = "success".equals(state) ? List.of(videoUrl(t.id)) : List.of();
            return new TaskSnapshot(t.id, t.model, state, t.input.deepCopy(), t.callBackUrl, t.failCode,
                    t.failMsg, urls, t.createTime, t.finalState == null ? null : t.completeTime, t.cost,
                    t.callbackAttempts.get(), t.veo);
        }
    }

    /** Ids of all tasks created since start or the last reset, oldest first. */
    public List<String> taskIds() {
        List<SimTask> all = new ArrayList<>(tasks.values());
        all.sort((a, b) -> Long.compare(a.seq, b.seq));
        List<String> ids = new ArrayList<>();
        for (SimTask t : all) {
            ids.add(t.id);
        }
        return ids;
    }

    /** Clears scripting, counters and tasks; credits, paused models and callbacks go back to the settings. */
    public void reset() {
        resetState();
        LOG.debug("Kie.ai simulator reset");
    }

    // ------------------------------------------------------------------ counters

    /** createTask requests received (all, including rejected ones); veo/generate is counted apart. */
    public int createTaskCalls() {
        return createTaskCalls.get();
    }

    /** veo/generate requests received (all, including rejected ones). */
    public int veoGenerateCalls() {
        return veoGenerateCalls.get();
    }

    /** recordInfo requests received (all); veo/record-info is counted apart. */
    public int recordInfoCalls() {
        return recordInfoCalls.get();
    }

    /** veo/record-info requests received (all). */
    public int veoRecordInfoCalls() {
        return veoRecordInfoCalls.get();
    }

    /** runway/generate requests received (all, including rejected ones). */
    public int runwayGenerateCalls() {
        return runwayGenerateCalls.get();
    }

    /** runway/record-detail requests received (all). */
    public int runwayRecordDetailCalls() {
        return runwayRecordDetailCalls.get();
    }

    /** Result files are this many bytes long (at least the 24-byte ftyp box). */
    public KieSimulator setVideoBytes(long bytes) {
        this.videoBytes = Math.max(FAKE_MP4.length, bytes);
        return this;
    }

    /** Result files are this real video (e.g. a playable MP4 for a browser test) instead of the fake one; null: the fake. */
    public KieSimulator setVideoContent(byte[] video) {
        this.videoContent = video;
        return this;
    }

    /** The Content-Type result files are served with (video/mp4 by default). */
    public KieSimulator setVideoContentType(String contentType) {
        this.videoContentType = contentType;
        return this;
    }

    /** Whether the result links handed out answer 403, as Kie.ai's expired links do (fresh ones still work). */
    public KieSimulator expireOriginalLinks(boolean expired) {
        this.originalLinksExpired = expired;
        return this;
    }

    /** Whether result files answer 503 for now (a file server that is down: a copy is tried again later). */
    public KieSimulator videosUnavailable(boolean unavailable) {
        this.videosUnavailable = unavailable;
        return this;
    }

    /** common/download-url requests received. */
    public int downloadUrlCalls() {
        return downloadUrlCalls.get();
    }

    /** Result file GETs answered with the file. */
    public int videoDownloads() {
        return videoDownloads.get();
    }

    /** veo/get-1080p-video requests received (all). */
    public int veo1080pCalls() {
        return veo1080pCalls.get();
    }

    /** The most status reads (recordInfo or veo/record-info) for one task ever being answered at the same time. */
    public int maxConcurrentRecordInfoPerTask() {
        return maxRecordInfoInFlightPerTask.get();
    }

    /** Status reads received for one taskId: recordInfo and veo/record-info together. */
    public int recordInfoCalls(String taskId) {
        AtomicInteger n = recordInfoCallsByTask.get(taskId);
        return n == null ? 0 : n.get();
    }

    /** chat/credit requests received. */
    public int creditCalls() {
        return creditCalls.get();
    }

    /** Callback POSTs made (every attempt: first tries, retries, duplicates and resends). */
    public int callbacksSent() {
        return callbacksSent.get();
    }

    /** Callback POSTs the receiver answered with 2xx. */
    public int callbacksAcknowledged() {
        return callbacksAcknowledged.get();
    }

    /** The last createTask or veo/generate request (body and headers), recorded before any check; or {@code null}. */
    public RecordedRequest lastCreateRequest() {
        return lastCreateRequest;
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) {
        try {
            String path = ex.getRequestURI().getPath();
            if (path.startsWith(VIDEOS)) {
                serveVideo(ex, path.substring(VIDEOS.length()));
                return;
            }
            if (!path.startsWith(API + "/")) {
                sendJson(ex, 404, error(404, "Not Found"));
                return;
            }
            sleep(settings.responseLatencyMillis());
            switch (path.substring(API.length())) {
                case "/jobs/createTask" -> {
                    if (requireMethod(ex, "POST")) {
                        handleCreate(ex);
                    }
                }
                case "/jobs/recordInfo" -> {
                    if (requireMethod(ex, "GET")) {
                        handleRecordInfo(ex);
                    }
                }
                case "/chat/credit" -> {
                    if (requireMethod(ex, "GET")) {
                        handleCredit(ex);
                    }
                }
                case "/veo/generate" -> {
                    if (requireMethod(ex, "POST")) {
                        handleVeoGenerate(ex);
                    }
                }
                case "/veo/record-info" -> {
                    if (requireMethod(ex, "GET")) {
                        handleVeoRecordInfo(ex);
                    }
                }
                case "/runway/generate" -> {
                    if (requireMethod(ex, "POST")) {
                        handleRunwayGenerate(ex);
                    }
                }
                case "/runway/record-detail" -> {
                    if (requireMethod(ex, "GET")) {
                        runwayRecordDetailCalls.incrementAndGet();
                        handleStatusRead(ex, API_RUNWAY);
                    }
                }
                case "/common/download-url" -> {
                    if (requireMethod(ex, "POST")) {
                        handleDownloadUrl(ex);
                    }
                }
                case "/veo/get-1080p-video" -> {
                    if (requireMethod(ex, "GET")) {
                        handleVeo1080p(ex);
                    }
                }
                default -> sendJson(ex, 404, error(404, "Not Found"));
            }
        } catch (Exception e) {
            LOG.warn("Kie.ai simulator failed to answer {} {}", ex.getRequestMethod(), ex.getRequestURI().getPath(), e);
            try {
                sendJson(ex, 500, error(500, "Server Error - An unexpected error occurred while processing the request"));
            } catch (IOException | RuntimeException ignored) {
                // headers may already be sent
            }
        } finally {
            ex.close();
        }
    }

    private void handleCreate(HttpExchange ex) throws IOException {
        createTaskCalls.incrementAndGet();
        JsonNode body = readAndRecord(ex);
        if (refusedUpFront(ex, createErrors)) {
            return;
        }
        if (body == null || !body.isObject()) {
            sendJson(ex, 200, error(422, "Request body must be a JSON object"));
            return;
        }
        String model = body.path("model").isTextual() ? body.get("model").asText() : null;
        if (model == null || model.isBlank()) {
            sendJson(ex, 200, error(422, "model is required"));
            return;
        }
        if (pausedModels.contains(model)) {
            sendJson(ex, 200, error(500, MSG_PAUSED));
            return;
        }
        if (!settings.knownModels().contains(model)) {
            sendJson(ex, 200, error(422, "The model " + model + " is not supported"));
            return;
        }
        String invalid = ModelRules.check(model, body.get("input"));
        if (invalid == null) {
            invalid = ModelRules.callBackUrlProblem(body);
        }
        if (invalid != null) {
            sendJson(ex, 200, error(422, invalid));
            return;
        }
        JsonNode input = body.get("input");
        SimTask task = createTask(ex, model, API_MARKET, body, input);
        if (task != null) {
            sendJson(ex, 200, ok(json.createObjectNode().put("taskId", task.id)));
        }
    }

    /**
     * veo/generate: the same order of checks as createTask (key, JSON, model valid, model paused, body, credits); the
     * task keeps the whole body as its input.
     */
    private void handleVeoGenerate(HttpExchange ex) throws IOException {
        veoGenerateCalls.incrementAndGet();
        JsonNode body = readAndRecord(ex);
        if (refusedUpFront(ex, createErrors)) {
            return;
        }
        if (body == null || !body.isObject()) {
            sendJson(ex, 200, error(422, "Request body must be a JSON object"));
            return;
        }
        JsonNode modelField = body.get("model");
        if (modelField != null && !modelField.isNull()
                && !(modelField.isTextual() && ModelRules.isVeoModel(modelField.asText()))) {
            sendJson(ex, 200, error(422, "model must be one of: " + String.join(", ", ModelRules.VEO_MODELS)));
            return;
        }
        String model = VeoRules.model(body);
        if (pausedModels.contains(model)) {
            sendJson(ex, 200, error(500, MSG_PAUSED));
            return;
        }
        String invalid = ModelRules.checkVeoRequest(body);
        if (invalid != null) {
            sendJson(ex, 200, error(422, invalid));
            return;
        }
        SimTask task = createTask(ex, model, API_VEO, body, body);
        if (task != null) {
            sendJson(ex, 200, ok(json.createObjectNode().put("taskId", task.id)));
        }
    }

    /**
     * runway/generate: key, JSON, Runway's rules (RunwayRules), credits. The task keeps the whole body as its input;
     * its status is at runway/record-detail, its callback is Runway's snake_case one.
     */
    private void handleRunwayGenerate(HttpExchange ex) throws IOException {
        runwayGenerateCalls.incrementAndGet();
        JsonNode body = readAndRecord(ex);
        if (refusedUpFront(ex, createErrors)) {
            return;
        }
        if (pausedModels.contains(RunwayRules.MODEL)) {
            sendJson(ex, 200, error(500, MSG_PAUSED));
            return;
        }
        String invalid = RunwayRules.check(body);
        if (invalid != null) {
            sendJson(ex, 200, error(422, invalid));
            return;
        }
        SimTask task = createTask(ex, RunwayRules.MODEL, API_RUNWAY, body, body);
        if (task != null) {
            sendJson(ex, 200, ok(json.createObjectNode().put("taskId", task.id)));
        }
    }

    /** Reads the body, records it as the last create request and parses it (null when not JSON). */
    private JsonNode readAndRecord(HttpExchange ex) throws IOException {
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode body = parseOrNull(raw);
        lastCreateRequest = new RecordedRequest(ex.getRequestMethod(), ex.getRequestURI().toString(),
                lowerCaseHeaders(ex), raw, body);
        return body;
    }

    /**
     * The credit check and the task itself, for a request whose input passed the rules. Answers 402 and returns
     * null when the balance is too low.
     */
    private SimTask createTask(HttpExchange ex, String model, String api, JsonNode body, JsonNode input)
            throws IOException {
        int cost = settings.creditsPerTask().applyAsInt(model, input);
        if (credits.get() < cost) {
            sendJson(ex, 200, error(402, MSG_CREDITS));
            return null;
        }
        String prompt = input.get("prompt").asText();
        PromptDirectives directives = PromptDirectives.parse(prompt);
        long duration = directives.slowMillis() != null ? directives.slowMillis() : settings.generationMillis();
        String callBackUrl = body.hasNonNull("callBackUrl") ? body.get("callBackUrl").asText() : null;
        if (callBackUrl != null && callBackUrl.isBlank()) {
            callBackUrl = null;
        }
        SimTask task = new SimTask(newTaskId(), model, api, input.deepCopy(), callBackUrl,
                json.writeValueAsString(body), System.currentTimeMillis(), duration, directives, cost,
                SimTask.SEQ.incrementAndGet());
        tasks.put(task.id, task);
        if (!directives.stuck()) {
            schedule(() -> finish(task), duration);
        }
        LOG.info("Kie.ai simulator created {} task {} (model {}, {} ms{}{})", api, task.id, model,
                duration, directives.fail() ? ", will fail" : "", directives.stuck() ? ", stuck" : "");
        return task;
    }

    private void handleRecordInfo(HttpExchange ex) throws IOException {
        recordInfoCalls.incrementAndGet();
        handleStatusRead(ex, API_MARKET);
    }

    private void handleVeoRecordInfo(HttpExchange ex) throws IOException {
        veoRecordInfoCalls.incrementAndGet();
        handleStatusRead(ex, API_VEO);
    }

    /** recordInfo and veo/record-info: per-task counters, scripted delays and errors, then the record. */
    private void handleStatusRead(HttpExchange ex, String api) throws IOException {
        String taskId = queryParam(ex.getRequestURI().getRawQuery(), "taskId");
        if (taskId == null || taskId.isEmpty()) {
            answerRecordInfo(ex, taskId, api);
            return;
        }
        recordInfoCallsByTask.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
        AtomicInteger inFlight = recordInfoInFlight.computeIfAbsent(taskId, k -> new AtomicInteger());
        maxRecordInfoInFlightPerTask.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            answerRecordInfo(ex, taskId, api);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answerRecordInfo(HttpExchange ex, String taskId, String api) throws IOException {
        Long delay;
        synchronized (recordInfoDelays) {
            delay = recordInfoDelays.pollFirst();
        }
        if (delay != null) {
            sleep(delay);
        }
        if (refusedUpFront(ex, recordInfoErrors)) {
            return;
        }
        if (taskId == null || taskId.isEmpty()) {
            sendJson(ex, 200, error(400, MSG_TASK_ID_REQUIRED));
            return;
        }
        SimTask t = tasks.get(taskId);
        if (t == null || !t.api.equals(api)) {
            // Kie keeps market and Veo tasks apart: the other endpoint does not know the id
            sendJson(ex, 200, error(422, MSG_RECORD_NULL));
            return;
        }
        observe(t);
        ObjectNode data;
        synchronized (t) {
            long now = System.currentTimeMillis();
            data = t.veo ? veoRecord(t) : t.runway ? runwayRecord(t, now) : record(t, now);
        }
        sendJson(ex, 200, ok(data));
    }

    /**
     * veo/get-1080p-video: the 1080p URL of a succeeded Veo task's video {@code index} (only 0: one clip per task);
     * body code 400 while it is not ready (or when the task failed), the unknown-task answer otherwise.
     */
    private void handleVeo1080p(HttpExchange ex) throws IOException {
        veo1080pCalls.incrementAndGet();
        if (!authorized(ex)) {
            sendJson(ex, 401, error(401, MSG_UNAUTHORIZED));
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        String taskId = queryParam(query, "taskId");
        if (taskId == null || taskId.isEmpty()) {
            sendJson(ex, 200, error(400, MSG_TASK_ID_REQUIRED));
            return;
        }
        SimTask t = tasks.get(taskId);
        if (t == null || !t.veo) {
            sendJson(ex, 200, error(422, MSG_RECORD_NULL));
            return;
        }
        String index = queryParam(query, "index");
        if (index != null && !index.isEmpty() && !"0".equals(index.trim())) {
            sendJson(ex, 200, error(422, "index must be 0: the task has one video"));
            return;
        }
        observe(t);
        String state;
        synchronized (t) {
            state = t.finalState;
        }
        if (state == null) {
            sendJson(ex, 200, error(400, MSG_VEO_1080P_NOT_READY));
            return;
        }
        if (!"success".equals(state)) {
            sendJson(ex, 200, error(400, MSG_VEO_1080P_FAILED));
            return;
        }
        sendJson(ex, 200, ok(json.createObjectNode().put("resultUrl", video1080pUrl(t.id))));
    }

    private void handleCredit(HttpExchange ex) throws IOException {
        creditCalls.incrementAndGet();
        if (!authorized(ex)) {
            sendJson(ex, 401, error(401, MSG_UNAUTHORIZED));
            return;
        }
        ObjectNode body = json.createObjectNode();
        body.put("code", 200);
        body.put(settings.messageField(), "success");
        body.put("data", credits.get());
        sendJson(ex, 200, body);
    }

    /** common/download-url: a fresh link to a file this simulator handed out. */
    private void handleDownloadUrl(HttpExchange ex) throws IOException {
        downloadUrlCalls.incrementAndGet();
        if (!authorized(ex)) {
            sendJson(ex, 401, error(401, MSG_UNAUTHORIZED));
            return;
        }
        String url;
        try {
            url = json.readTree(ex.getRequestBody().readAllBytes()).path("url").asText("");
        } catch (IOException e) {
            url = "";
        }
        if (!url.startsWith(rootUrl() + VIDEOS) || url.contains("?")) {
            sendJson(ex, 200, error(422, "The file is not a file generated by Kie.ai"));
            return;
        }
        sendJson(ex, 200, json.createObjectNode().put("code", 200).put(settings.messageField(), "success")
                .put("data", url + "?fresh=" + Long.toHexString(random.nextLong())));
    }

    private void serveVideo(HttpExchange ex, String file) throws IOException {
        String method = ex.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            sendJson(ex, 405, error(405, "Method Not Allowed"));
            return;
        }
        String id = file.endsWith(".mp4") ? file.substring(0, file.length() - 4) : null;
        boolean hd = id != null && id.endsWith(HD_SUFFIX);
        if (hd) {
            id = id.substring(0, id.length() - HD_SUFFIX.length());
        }
        SimTask t = id == null ? null : tasks.get(id);
        if (t != null && hd && !t.veo) {
            t = null; // only Veo tasks have a 1080p copy
        }
        if (t != null) {
            observe(t);
        }
        boolean ready;
        if (t == null) {
            ready = false;
        } else {
            synchronized (t) {
                ready = "success".equals(t.finalState);
            }
        }
        if (!ready) {
            byte[] notFound = "Not Found".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(404, "HEAD".equals(method) ? -1 : notFound.length);
            if (!"HEAD".equals(method)) {
                ex.getResponseBody().write(notFound);
            }
            return;
        }
        if (videosUnavailable) {
            ex.sendResponseHeaders(503, -1);
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        if (originalLinksExpired && (query == null || !query.startsWith("fresh="))) {
            byte[] denied = "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/xml");
            ex.sendResponseHeaders(403, "HEAD".equals(method) ? -1 : denied.length);
            if (!"HEAD".equals(method)) {
                ex.getResponseBody().write(denied);
            }
            return;
        }
        byte[] content = videoContent;
        long size = content != null ? content.length : videoBytes;
        ex.getResponseHeaders().set("Content-Type", videoContentType);
        if ("HEAD".equals(method)) {
            ex.getResponseHeaders().set("Content-Length", String.valueOf(size));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        videoDownloads.incrementAndGet();
        ex.sendResponseHeaders(200, size);
        try (OutputStream out = ex.getResponseBody()) {
            if (content != null) {
                out.write(content);
                return;
            }
            out.write(FAKE_MP4);
            byte[] zeros = new byte[64 * 1024];
            for (long left = size - FAKE_MP4.length; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }
    }

    private boolean requireMethod(HttpExchange ex, String method) throws IOException {
        if (method.equals(ex.getRequestMethod())) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", method);
        sendJson(ex, 405, error(405, "Method Not Allowed"));
        return false;
    }

    /** A scripted error first, then the key check: true when the request was answered here. */
    private boolean refusedUpFront(HttpExchange ex, Deque<ScriptedError> scriptedErrors) throws IOException {
        ScriptedError scripted = poll(scriptedErrors);
        if (scripted != null) {
            sendJson(ex, scripted.httpStatus, error(scripted.code, scripted.msg));
            return true;
        }
        if (!authorized(ex)) {
            sendJson(ex, 401, error(401, MSG_UNAUTHORIZED));
            return true;
        }
        if (scriptedErrors == createErrors && overCreateRate()) {
            rateLimitedCreates.incrementAndGet();
            sendJson(ex, 429, error(429, MSG_RATE_LIMITED));
            return true;
        }
        return false;
    }

    static final String MSG_RATE_LIMITED = "Rate limited - request limit has been exceeded for this resource";

    /** Counts this create in the sliding window, unless the window is full (then the call is refused, not counted). */
    private boolean overCreateRate() {
        int limit = settings.createRateLimit();
        long now = System.nanoTime();
        synchronized (createsInWindow) {
            long windowNanos = settings.createRateWindowMillis() * 1_000_000L;
            while (!createsInWindow.isEmpty() && now - createsInWindow.peekFirst() >= windowNanos) {
                createsInWindow.pollFirst();
            }
            if (limit > 0 && createsInWindow.size() >= limit) {
                return true;
            }
            createsInWindow.addLast(now);
            maxCreatesInWindow.accumulateAndGet(createsInWindow.size(), Math::max);
            return false;
        }
    }

    /** Create calls answered 429 by the create rate limit ({@link SimulatorSettings#createRateLimit}). */
    public int rateLimitedCreates() {
        return rateLimitedCreates.get();
    }

    /** The most create calls let through within one window of the rate limit (whether they then succeeded or not). */
    public int maxCreatesInWindow() {
        return maxCreatesInWindow.get();
    }

    private boolean authorized(HttpExchange ex) {
        String header = ex.getRequestHeaders().getFirst("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        byte[] expected = settings.apiKey().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    private void sendJson(HttpExchange ex, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ObjectNode ok(JsonNode data) {
        ObjectNode body = json.createObjectNode();
        body.put("code", 200);
        body.put(settings.messageField(), "success");
        body.set("data", data);
        return body;
    }

    private ObjectNode error(int code, String msg) {
        ObjectNode body = json.createObjectNode();
        body.put("code", code);
        body.put(settings.messageField(), msg);
        body.putNull("data");
        return body;
    }

    // ------------------------------------------------------------------ task lifecycle

    /** Ends a task whose time has come (the scheduler may lag behind a poll). */
    private void observe(SimTask t) {
        boolean due;
        synchronized (t) {
            due = t.finalState == null && !t.directives.stuck()
                    && System.currentTimeMillis() >= t.createTime + t.durationMs;
        }
        if (due) {
            finish(t);
        }
    }

    private void finish(SimTask t) {
        if (tasks.get(t.id) != t) {
            return; // dropped by reset()
        }
        synchronized (t) {
            if (t.finalState != null || t.directives.stuck()) {
                return;
            }
            t.completeTime = t.createTime + t.durationMs;
            if (t.directives.fail()) {
                t.finalState = "fail";
                t.failCode = t.veo ? String.valueOf(VEO_CODE_FAIL) : "500";
                t.failMsg = t.directives.failMsg();
                t.resultJson = "";
            } else {
                t.finalState = "success";
                ObjectNode result = json.createObjectNode();
                result.putArray("resultUrls").add(videoUrl(t.id));
                t.resultJson = result.toString();
                credits.updateAndGet(c -> Math.max(0, c - t.cost));
            }
            t.callbackBody = (t.veo ? veoCallback(t) : t.runway ? runwayCallback(t) : marketCallback(t)).toString();
        }
        LOG.info("Kie.ai simulator task {} ended: {}", t.id, t.finalState);
        if (t.callBackUrl == null) {
            return;
        }
        if (!callbacksEnabled || t.directives.noCallback()) {
            LOG.info("Kie.ai simulator sends no callback for task {} ({})", t.id,
                    t.directives.noCallback() ? "[sim:no-callback]" : "callbacks disabled");
            return;
        }
        deliver(t, 0);
        if (t.directives.doubleCallback()) {
            deliver(t, 50);
        }
    }

    /** Kie's market callback: the final record with code 200 or 501. Caller holds the task's lock. */
    private ObjectNode marketCallback(SimTask t) {
        ObjectNode cb = json.createObjectNode();
        boolean success = "success".equals(t.finalState);
        cb.put("code", success ? 200 : CALLBACK_CODE_FAIL);
        cb.put("msg", success ? MSG_CALLBACK_SUCCESS : MSG_CALLBACK_FAIL);
        cb.set("data", record(t, t.completeTime));
        return cb;
    }

    /**
     * Kie's Veo callback: {@code {"code":200,"msg":"Veo3 video generated successfully.","data":{"taskId","info":
     * {"resultUrls","originUrls","resolution"},"fallbackFlag":false}}}, or code 501 with the failure message and
     * {@code data:{"taskId"}}. Caller holds the task's lock.
     */
    private ObjectNode veoCallback(SimTask t) {
        ObjectNode cb = json.createObjectNode();
        ObjectNode data = json.createObjectNode().put("taskId", t.id);
        if ("success".equals(t.finalState)) {
            cb.put("code", 200);
            cb.put("msg", MSG_VEO_CALLBACK_SUCCESS);
            data.set("info", veoResult(t, false));
            data.put("fallbackFlag", false);
        } else {
            cb.put("code", VEO_CODE_FAIL);
            cb.put("msg", t.failMsg);
        }
        cb.set("data", data);
        return cb;
    }

    /** {@code {"resultUrls","originUrls","resolution"}} (with the taskId first in record-info's response). */
    private ObjectNode veoResult(SimTask t, boolean withTaskId) {
        ObjectNode r = json.createObjectNode();
        if (withTaskId) {
            r.put("taskId", t.id);
        }
        r.putArray("resultUrls").add(videoUrl(t.id));
        r.putArray("originUrls").add(videoUrl(t.id));
        r.put("resolution", VeoRules.resolution(t.input));
        return r;
    }

    /**
     * The Veo task's record as veo/record-info answers it in {@code data}: taskId, paramJson, successFlag (0 running,
     * 1 success, 2 failed), response (null until success), errorCode (null unless failed), errorMessage, createTime,
     * completeTime (null while running), fallbackFlag. Caller holds the task's lock.
     */
    private ObjectNode veoRecord(SimTask t) {
        boolean ended = t.finalState != null;
        boolean success = "success".equals(t.finalState);
        ObjectNode d = json.createObjectNode();
        d.put("taskId", t.id);
        d.put("paramJson", t.paramJson);
        d.put("successFlag", !ended ? 0 : success ? 1 : 2);
        if (success) {
            d.set("response", veoResult(t, true));
        } else {
            d.putNull("response");
        }
        if (ended && !success) {
            d.put("errorCode", VEO_CODE_FAIL);
            d.put("errorMessage", t.failMsg);
        } else {
            d.putNull("errorCode");
            d.put("errorMessage", "");
        }
        d.put("createTime", t.createTime);
        if (ended) {
            d.put("completeTime", t.completeTime);
        } else {
            d.putNull("completeTime");
        }
        d.put("fallbackFlag", false);
        return d;
    }

    /**
     * Runway's callback: {@code {"code":200,"msg":...,"data":{"task_id","video_id","video_url","image_url"}}} (snake_case,
     * unlike its record), or code 500 with the failure message. Caller holds the task's lock.
     */
    private ObjectNode runwayCallback(SimTask t) {
        ObjectNode cb = json.createObjectNode();
        boolean success = "success".equals(t.finalState);
        cb.put("code", success ? 200 : 500);
        cb.put("msg", success ? "success" : t.failMsg);
        ObjectNode data = cb.putObject("data").put("task_id", t.id);
        if (success) {
            data.put("video_id", "v-" + t.id).put("video_url", videoUrl(t.id)).put("image_url", videoUrl(t.id) + ".jpg");
        }
        return cb;
    }

    /**
     * The Runway task's record as runway/record-detail answers it in {@code data}: taskId, state (wait, queueing,
     * generating, success, fail), generateParam (the request), videoInfo {videoId, videoUrl, imageUrl} once succeeded,
     * failCode, failMsg, expireFlag, createTime. Caller holds the task's lock.
     */
    private ObjectNode runwayRecord(SimTask t, long now) {
        String state = switch (stateOf(t, now)) {
            case "waiting" -> "wait";
            case "queuing" -> "queueing";
            default -> stateOf(t, now);
        };
        ObjectNode d = json.createObjectNode();
        d.put("taskId", t.id);
        d.put("state", state);
        d.set("generateParam", t.input.deepCopy());
        if ("success".equals(t.finalState)) {
            d.putObject("videoInfo").put("videoId", "v-" + t.id).put("videoUrl", videoUrl(t.id))
                    .put("imageUrl", videoUrl(t.id) + ".jpg");
        } else {
            d.putNull("videoInfo");
        }
        d.put("failCode", t.failCode);
        d.put("failMsg", t.failMsg);
        d.put("expireFlag", 0);
        d.put("createTime", t.createTime);
        return d;
    }

    /** The task's record as recordInfo answers it in {@code data}. Caller holds the task's lock. */
    private ObjectNode record(SimTask t, long now) {
        String state = stateOf(t, now);
        boolean ended = t.finalState != null;
        ObjectNode d = json.createObjectNode();
        d.put("taskId", t.id);
        d.put("model", t.model);
        d.put("state", state);
        d.put("param", t.paramJson);
        d.put("resultJson", ended ? t.resultJson : "");
        d.put("failCode", t.failCode);
        d.put("failMsg", t.failMsg);
        if (ended) {
            d.put("costTime", t.completeTime - t.createTime);
            d.put("completeTime", t.completeTime);
        } else {
            d.putNull("costTime");
            d.putNull("completeTime");
        }
        d.put("createTime", t.createTime);
        d.put("updateTime", ended ? t.completeTime : phaseStart(t, now));
        if (ended) {
            d.put("consumeCredits", "success".equals(t.finalState) ? t.cost : 0);
        } else {
            d.putNull("consumeCredits");
        }
        if (t.model.startsWith("sora-2")) {
            d.put("progress", progress(t, state, now));
        }
        return d;
    }

    private String stateOf(SimTask t, long now) {
        if (t.finalState != null) {
            return t.finalState;
        }
        long d = phaseBase(t);
        long elapsed = now - t.createTime;
        if (elapsed * 10 < d) {
            return "waiting";
        }
        if (elapsed * 10 < d * 3) {
            return "queuing";
        }
        return "generating";
    }

    private long phaseStart(SimTask t, long now) {
        long d = phaseBase(t);
        long elapsed = now - t.createTime;
        if (elapsed * 10 < d) {
            return t.createTime;
        }
        if (elapsed * 10 < d * 3) {
            return t.createTime + d / 10;
        }
        return t.createTime + d * 3 / 10;
    }

    private int progress(SimTask t, String state, long now) {
        switch (state) {
            case "success":
                return 100;
            case "generating": {
                long d = phaseBase(t);
                long span = Math.max(1, d - d * 3 / 10);
                long into = now - t.createTime - d * 3 / 10;
                return (int) Math.max(0, Math.min(99, into * 100 / span));
            }
            default:
                return 0;
        }
    }

    private long phaseBase(SimTask t) {
        return t.directives.stuck() ? settings.generationMillis() : t.durationMs;
    }

    // ------------------------------------------------------------------ callbacks

    private CompletableFuture<Integer> deliver(SimTask t, long delayMillis) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        String body;
        synchronized (t) {
            body = t.callbackBody;
        }
        if (!schedule(() -> attempt(t, body, 0, done), delayMillis)) {
            done.complete(-1);
        }
        return done;
    }

    private void attempt(SimTask t, String body, int attemptNo, CompletableFuture<Integer> done) {
        if (!running || tasks.get(t.id) != t) {
            done.complete(-1);
            return;
        }
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(t.callBackUrl))
                    .timeout(Duration.ofMillis(settings.callbackTimeoutMillis()))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            LOG.warn("Kie.ai simulator cannot call back task {}: bad URL", t.id);
            done.complete(-1);
            return;
        }
        String hmacKey = settings.webhookHmacKey();
        if (hmacKey != null) {
            String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
            request.header("X-Webhook-Timestamp", timestamp);
            request.header("X-Webhook-Signature", sign(hmacKey, t.id + "." + timestamp));
        }
        callbacksSent.incrementAndGet();
        t.callbackAttempts.incrementAndGet();
        int attemptShown = attemptNo + 1;
        try {
            callbackClient.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        int status = failure == null ? response.statusCode() : -1;
                        if (status >= 200 && status < 300) {
                            callbacksAcknowledged.incrementAndGet();
                            LOG.info("Kie.ai simulator callback of task {} acknowledged ({}), attempt {}", t.id,
                                    status, attemptShown);
                            done.complete(status);
                        } else if (attemptNo < settings.callbackRetries() && running) {
                            LOG.info("Kie.ai simulator callback of task {} not acknowledged ({}), attempt {}; "
                                    + "retrying in {} ms", t.id, failure == null ? status : failure.toString(),
                                    attemptShown, settings.callbackRetryDelayMillis());
                            if (!schedule(() -> attempt(t, body, attemptNo + 1, done),
                                    settings.callbackRetryDelayMillis())) {
                                done.complete(status);
                            }
                        } else {
                            LOG.warn("Kie.ai simulator gives up the callback of task {} after {} attempts ({})",
                                    t.id, attemptShown, failure == null ? status : failure.toString());
                            done.complete(status);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Kie.ai simulator could not send the callback of task {}", t.id, e);
            done.complete(-1);
        }
    }

    /** Base64(HMAC-SHA256(key, data)), Kie.ai's webhook signature. */
    public static String sign(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    // ------------------------------------------------------------------ helpers

    private boolean schedule(Runnable action, long delayMillis) {
        ScheduledExecutorService s = scheduler;
        if (s == null || !running) {
            return false;
        }
        try {
            s.schedule(() -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.warn("Kie.ai simulator scheduled action failed", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void resetState() {
        tasks.clear();
        pausedModels.clear();
        pausedModels.addAll(settings.pausedModels());
        credits.set(settings.credits());
        callbacksEnabled = settings.callbacksEnabled();
        synchronized (createErrors) {
            createErrors.clear();
        }
        synchronized (recordInfoErrors) {
            recordInfoErrors.clear();
        }
        synchronized (recordInfoDelays) {
            recordInfoDelays.clear();
        }
        createTaskCalls.set(0);
        rateLimitedCreates.set(0);
        maxCreatesInWindow.set(0);
        synchronized (createsInWindow) {
            createsInWindow.clear();
        }
        recordInfoCalls.set(0);
        recordInfoCallsByTask.clear();
        maxRecordInfoInFlightPerTask.set(0);
        creditCalls.set(0);
        veoGenerateCalls.set(0);
        veoRecordInfoCalls.set(0);
        veo1080pCalls.set(0);
        downloadUrlCalls.set(0);
        videoDownloads.set(0);
        videoBytes = FAKE_MP4.length;
        videoContent = null;
        videoContentType = "video/mp4";
        originalLinksExpired = false;
        videosUnavailable = false;
        runwayGenerateCalls.set(0);
        runwayRecordDetailCalls.set(0);
        callbacksSent.set(0);
        callbacksAcknowledged.set(0);
        lastCreateRequest = null;
    }

    private SimTask requireTask(String taskId) {
        SimTask t = tasks.get(taskId);
        if (t == null) {
            throw new IllegalArgumentException("unknown task " + taskId);
        }
        return t;
    }

    private void requireStarted() {
        if (port < 0) {
            throw new IllegalStateException("simulator not started");
        }
    }

    private static void enqueue(Deque<ScriptedError> queue, int times, ScriptedError error) {
        if (times < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.addLast(error);
            }
        }
    }

    private static ScriptedError poll(Deque<ScriptedError> queue) {
        synchronized (queue) {
            return queue.pollFirst();
        }
    }

    private String newTaskId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private JsonNode parseOrNull(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return json.readTree(raw);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Map<String, List<String>> lowerCaseHeaders(HttpExchange ex) {
        Map<String, List<String>> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((name, values) ->
                headers.computeIfAbsent(name.toLowerCase(), k -> new ArrayList<>()).addAll(values));
        headers.replaceAll((k, v) -> List.copyOf(v));
        return Map.copyOf(headers);
    }

    static String queryParam(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private record ScriptedError(int httpStatus, int code, String msg) {
    }

    private static final class SimTask {
        static final AtomicLong SEQ = new AtomicLong();

        final String id;
        final String model;
        /** a veo/generate task: its input is the whole body, its status is read at veo/record-info */
        final boolean veo;
        /** a runway/generate task: its input is the whole body, its status is read at runway/record-detail */
        final boolean runway;
        /** which API made it: market, veo or runway (a status read on another API's endpoint does not know it) */
        final String api;
        final JsonNode input;
        final String callBackUrl;
        final String paramJson;
        final long createTime;
        final long durationMs;
        final PromptDirectives directives;
        final int cost;
        final long seq;
        final AtomicInteger callbackAttempts = new AtomicInteger();

        // guarded by this
        String finalState;
        long completeTime;
        String failCode = "";
        String failMsg = "";
        String resultJson = "";
        String callbackBody;

        SimTask(String id, String model, String api, JsonNode input, String callBackUrl, String paramJson,
                long createTime, long durationMs, PromptDirectives directives, int cost, long seq) {
            this.id = id;
            this.model = model;
            this.api = api;
            this.veo = API_VEO.equals(api);
            this.runway = API_RUNWAY.equals(api);
            this.input = input;
            this.callBackUrl = callBackUrl;
            this.paramJson = paramJson;
            this.createTime = createTime;
            this.durationMs = durationMs;
            this.directives = directives;
            this.cost = cost;
            this.seq = seq;
        }
    }
}
