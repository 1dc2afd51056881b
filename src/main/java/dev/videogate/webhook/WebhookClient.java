package dev.videogate.webhook;

import dev.videogate.generation.HostLookups;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Body;
import dev.videogate.http.NoNameLookups;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs one webhook to a caller-named receiver, which may be hostile, on Apache HttpClient 5. What the receiver can
 * do to us is bounded:
 * <ul>
 * <li>time: one deadline for the whole delivery (lookup, connect, TLS, request, answer); when it passes, a timer
 * aborts the exchange, however slowly the receiver trickles bytes;</li>
 * <li>place: the host name (lower case, trailing dot dropped, so the name checked, sent in Host and SNI, and verified
 * against the certificate is one) is resolved once by {@link ReceiverAddresses}, and the connection goes to a checked
 * address; HttpClient itself never looks a name up;</li>
 * <li>memory: the status line and at most {@value #MAX_HEADERS} header lines of {@value #MAX_LINE} bytes are parsed,
 * then at most {@value #ANSWER_BODY_READ} bytes of body read; the connection is then dropped, never drained;</li>
 * <li>what it sees: the message's webhook-id, webhook-timestamp, webhook-signature and Content-Type, plus Host,
 * Content-Length, User-Agent and Connection: close. No redirects, retries, cookies, proxies or compression.</li>
 * </ul>
 */
public final class WebhookClient implements AutoCloseable {

    static final int ANSWER_BODY_READ = 4096;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_LINE = 8192;
    private static final String USER_AGENT = "video-gateway-webhooks";

    private static final DnsResolver NO_LOOKUP = NoNameLookups.refusing("webhooks");

    private final long deadlineMs;
    private final boolean allowHttp;
    private final ReceiverAddresses addresses;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    /**
     * @param deadlineMs   app.webhooks.timeout-ms: the whole delivery
     * @param senders      app.webhooks.concurrency: deliveries at once, each on its own connection
     * @param allowInsecure app.webhooks.allow-insecure-urls: http and any address (local testing only)
     * @param lookups      the bounded, timed host lookups caller URLs are checked with (a silent name server holds a
     *                      sender for at most their timeout, never for the system resolver's own)
     */
    public WebhookClient(long deadlineMs, int senders, boolean allowInsecure, HostLookups lookups) {
        this(deadlineMs, senders, allowInsecure, allowInsecure ? ReceiverAddresses.any(lookups) : ReceiverAddresses.publicOnly(lookups),
                DefaultClientTlsStrategy.createDefault());
    }

    WebhookClient(long deadlineMs, int senders, boolean allowHttp, ReceiverAddresses addresses, TlsSocketStrategy tls) {
        if (deadlineMs < 1 || senders < 1) {
            throw new IllegalArgumentException("app.webhooks.timeout-ms and app.webhooks.concurrency must be at least 1");
        }
        this.deadlineMs = deadlineMs;
        this.allowHttp = allowHttp;
        this.addresses = addresses;
        Timeout deadline = Timeout.ofMilliseconds(deadlineMs);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setMaxHeaderCount(MAX_HEADERS).setMaxLineLength(MAX_LINE).build())
                                .build())
                        .setDnsResolver(NO_LOOKUP)
                        .setTlsSocketStrategy(tls)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(deadline).setSocketTimeout(deadline).build())
                        .setMaxConnTotal(senders)
                        .setMaxConnPerRoute(senders)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(deadline).setResponseTimeout(deadline)
                        .setRedirectsEnabled(false).setProtocolUpgradeEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .disableConnectionState()
                .setUserAgent(USER_AGENT)
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "webhook-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /**
     * Sends the message and returns the receiver's status code (the caller decides what counts as delivered).
     *
     * @throws SocketTimeoutException when no status line and headers came within the deadline
     * @throws IOException            when the URL, its addresses or the connection fail
     */
    public int send(@Body WebhookMessage message) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        URI target = target(message.url());
        String host = target.getHost().startsWith("[") ? target.getHost().substring(1, target.getHost().length() - 1) : target.getHost();
        List<InetAddress> checked = addresses.resolve(host);
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw late();
        }
        HttpPost post = new HttpPost(target);
        post.setHeader("webhook-id", message.id());
        post.setHeader("webhook-timestamp", String.valueOf(message.timestamp()));
        post.setHeader("webhook-signature", message.signature());
        post.setHeader("Connection", "close"); // one connection per delivery: nothing of one receiver's is reused for another
        post.setEntity(new StringEntity(message.body(), ContentType.APPLICATION_JSON));
        ScheduledFuture<?> abort = deadlines.schedule(post::cancel, left, TimeUnit.NANOSECONDS);
        ClassicHttpResponse answer = null;
        try {
            answer = http.executeOpen(new HttpHost(target.getScheme(), checked.get(0), host, target.getPort()), post, null);
            int status = answer.getCode();
            readSomeOf(answer.getEntity());
            return status;
        } catch (IOException e) {
            if (post.isCancelled()) {
                throw late();
            }
            throw e;
        } finally {
            abort.cancel(false);
            if (answer instanceof ModalCloseable closeable) {
                closeable.close(CloseMode.IMMEDIATE); // a graceful close would read the rest of the body first
            }
        }
    }

    /** The URL as it goes out: the allowed scheme, no user info, the host in lower case without a trailing dot. */
    private URI target(String url) throws MalformedURLException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new MalformedURLException("webhook URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new MalformedURLException("webhook URL must use https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new MalformedURLException("webhook URL must name a host, and no user info");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // the same name as the one checked when the URL was accepted
        }
        if (host.isEmpty() || host.endsWith(".")) {
            throw new MalformedURLException("webhook URL must name a host");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Up to ANSWER_BODY_READ bytes, so that a short answer ends cleanly; the status has decided already. */
    private static void readSomeOf(HttpEntity body) {
        if (body == null) {
            return;
        }
        try {
            body.getContent().readNBytes(ANSWER_BODY_READ); // not closed: closing the stream would read it to its end
        } catch (IOException ignored) {
            // a body cut off by the deadline or the receiver changes nothing
        }
    }

    private SocketTimeoutException late() {
        return new SocketTimeoutException("no answer within " + deadlineMs + " ms");
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
