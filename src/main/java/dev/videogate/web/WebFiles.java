package dev.videogate.web;

import dev.videogate.api.NotFound;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The web page's files, read from the folder app.web.dir (default {@code web}, beside routes/) on every request, so an
 * integration team restyles the page by editing the files, without a rebuild. Only what a browser needs is served:
 * files of the known types below, by a path of plain names (no dot segments, no hidden files, no escape through a
 * symbolic link), never the build's sources (src/, node_modules/). Every answer carries a strict
 * Content-Security-Policy: the page loads and connects to this origin only.
 */
public final class WebFiles {

    /** URL prefix of the page's files (the page itself is served at /). */
    public static final String PREFIX = "/web/";

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"), Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"));
    // the build's own folders are not the page
    private static final Set<String> NOT_SERVED = Set.of("src", "node_modules");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final long MAX_BYTES = 8L * 1024 * 1024;

    private final Path root;

    public WebFiles(String dir) {
        this.root = Path.of(dir).toAbsolutePath().normalize();
    }

    /** GET /: the page (index.html). */
    public byte[] page(@Header("If-None-Match") String ifNoneMatch, Exchange exchange) throws IOException {
        return answer("index.html", ifNoneMatch, exchange);
    }

    /** GET /web/...: one of the page's files. */
    public byte[] file(@Header(Exchange.HTTP_PATH) String path, @Header("If-None-Match") String ifNoneMatch, Exchange exchange)
            throws IOException {
        if (path == null || !path.startsWith(PREFIX)) {
            throw notFound();
        }
        return answer(path.substring(PREFIX.length()), ifNoneMatch, exchange);
    }

    private byte[] answer(String relative, String ifNoneMatch, Exchange exchange) throws IOException {
        Path file = resolve(relative);
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        // changes with every edit; cheap to make, so the browser asks again each time and gets 304 while unchanged
        String etag = "\"" + Long.toHexString(attributes.size()) + "-" + Long.toHexString(attributes.lastModifiedTime().toMillis()) + "\"";
        var message = exchange.getMessage();
        message.getHeaders().clear(); // nothing the caller sent goes back
        message.setHeader("ETag", etag);
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("Referrer-Policy", "no-referrer");
        if (etag.equals(ifNoneMatch)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            return new byte[0];
        }
        message.setHeader(Exchange.CONTENT_TYPE, TYPES.get(extension(file)));
        return Files.readAllBytes(file);
    }

    /** The file a request path names, or 404: plain names only, a served type, inside the folder once links are followed. */
    Path resolve(String relative) throws IOException {
        String[] names = relative.split("/", -1);
        for (String name : names) {
            if (!PLAIN_NAME.matcher(name).matches() || NOT_SERVED.contains(name)) {
                throw notFound();
            }
        }
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !TYPES.containsKey(extension(file)) || !Files.isRegularFile(file)) {
            throw notFound();
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || Files.size(real) > MAX_BYTES) {
            throw notFound();
        }
        return real;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static NotFound notFound() {
        return new NotFound("not_found", "No such file");
    }
}
