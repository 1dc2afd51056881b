package dev.videogate.storage;

import dev.videogate.generation.HostLookups;
import dev.videogate.webhook.ReceiverAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import dev.videogate.http.NoNameLookups;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches one result file from Kie.ai's link into a temporary file, streaming: the heap holds one 64 KB buffer, never
 * the file. Bounded: app.storage.max-bytes (a larger Content-Length is refused before the body; a body that grows past
 * it is cut), the whole fetch within app.storage.timeout-ms (a timer aborts it), each read within
 * app.storage.read-timeout-ms. Checked: the answer must be 200 with a video/* content type; the host is looked up
 * once and must resolve to public addresses only (app.storage.allow-insecure-origins: any, local testing and the
 * sandbox), and the connection goes to those addresses. No redirects, retries, cookies or compression.
 */
public final class OriginFetcher implements AutoCloseable {

    /** The file as fetched: where it is (a temporary file), how long, its SHA-256 (hex) and content type. */
    public record Fetched(Path file, long bytes, String sha256, String contentType) {
    }

    /** The link no longer serves the file (403, 404, 410): Kie.ai's links expire; a fresh one may be asked for. */
    public static final class OriginExpired extends IOException {
        public OriginExpired(String message) {
            super(message);
        }
    }

    /** The file can never be copied as it is (not a video, too large): no retry. */
    public static final class CopyRefused extends IOException {
        public CopyRefused(String message) {
            super(message);
        }
    }

    private static final int BUFFER = 64 * 1024;

    private static final DnsResolver NO_LOOKUP = NoNameLookups.refusing("result file copies");

    private final long maxBytes;
    private final long deadlineMs;
    private final boolean allowHttp;
    private final ReceiverAddresses addresses;
    private final Supplier<Path> workDir;
    private final CloseableHttpClient http;
    private final ScheduledExecutorService deadlines;

    /**
     * @param maxBytes      app.storage.max-bytes
     * @param deadlineMs    app.storage.timeout-ms: one whole fetch
     * @param readTimeoutMs app.storage.read-timeout-ms: connect, and each read
     * @param fetchers      app.storage.concurrency: fetches at once
     * @param allowInsecure app.storage.allow-insecure-origins: http and any address (tests, the sandbox)
     * @param workDir       where the temporary files go (the local store's own, so the move into it is a rename)
     */
    public OriginFetcher(long maxBytes, long deadlineMs, long readTimeoutMs, int fetchers, boolean allowInsecure,
                         HostLookups lookups, Supplier<Path> workDir) {
        this.maxBytes = maxBytes;
        this.deadlineMs = deadlineMs;
        this.allowHttp = allowInsecure;
        this.addresses = allowInsecure ? ReceiverAddresses.any(lookups) : ReceiverAddresses.publicOnly(lookups);
        this.workDir = workDir;
        Timeout read = Timeout.ofMilliseconds(readTimeoutMs);
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(NO_LOOKUP)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(read).setSocketTimeout(read).build())
                        .setMaxConnTotal(fetchers)
                        .setMaxConnPerRoute(fetchers)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(read).setResponseTimeout(read)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("video-gateway-storage")
                .build();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "copy-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.deadlines = timer;
    }

    /** GETs the URL into a new temporary file; the caller owns the file (moves it into the store, or deletes it). */
    public Fetched fetch(String url) throws IOException {
        URI target = target(url);
        String host = target.getHost().startsWith("[") ? target.getHost().substring(1, target.getHost().length() - 1) : target.getHost();
        List<InetAddress> checked = addresses.resolve(host);
        HttpGet get = new HttpGet(target);
        ScheduledFuture<?> abort = deadlines.schedule(get::cancel, deadlineMs, TimeUnit.MILLISECONDS);
        ClassicHttpResponse answer = null;
        Path file = null;
        try {
            answer = http.executeOpen(new HttpHost(target.getScheme(), checked.get(0), host, target.getPort()), get, null);
            int status = answer.getCode();
            if (status == 403 || status == 404 || status == 410) {
                throw new OriginExpired("the link answered " + status + " (expired or gone)");
            }
            if (status != 200) {
                throw new IOException("the link answered " + status);
            }
            Header type = answer.getFirstHeader("Content-Type");
            String contentType = type == null ? "" : type.getValue().trim();
            if (!contentType.toLowerCase(Locale.ROOT).startsWith("video/")) {
                throw new CopyRefused("not a video: Content-Type '" + printable(contentType) + "'");
            }
            HttpEntity entity = answer.getEntity();
            if (entity == null) {
                throw new IOException("the link answered without a body");
            }
            if (entity.getContentLength() > maxBytes) {
                throw new CopyRefused("the file is " + entity.getContentLength() + " bytes, over app.storage.max-bytes (" + maxBytes + ")");
            }
            file = Files.createTempFile(workDir.get(), "copy-", ".part");
            MessageDigest sha256 = sha256();
            long bytes = 0;
            try (InputStream in = entity.getContent(); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    bytes += n;
                    if (bytes > maxBytes) {
                        throw new CopyRefused("the file grew past app.storage.max-bytes (" + maxBytes + ")");
                    }
                    sha256.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            if (entity.getContentLength() >= 0 && bytes != entity.getContentLength()) {
                throw new IOException("the file ended after " + bytes + " of " + entity.getContentLength() + " bytes");
            }
            Fetched fetched = new Fetched(file, bytes, HexFormat.of().formatHex(sha256.digest()), contentType);
            file = null;
            return fetched;
        } catch (IOException e) {
            if (get.isCancelled()) {
                throw new SocketTimeoutException("the fetch took longer than app.storage.timeout-ms (" + deadlineMs + " ms)");
            }
            throw e;
        } finally {
            abort.cancel(false);
            if (file != null) {
                Files.deleteIfExists(file);
            }
            if (answer instanceof ModalCloseable closeable) {
                closeable.close(CloseMode.IMMEDIATE); // never drain the rest of a refused body
            }
        }
    }

    private URI target(String url) throws MalformedURLException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new MalformedURLException("the result link is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new MalformedURLException("the result link must use https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new MalformedURLException("the result link must name a host, and no user info");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return URI.create(scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + path
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String printable(String text) {
        String cut = text.length() > 60 ? text.substring(0, 60) : text;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }
}
