package dev.videogate.config;

import java.net.URI;
import java.util.Locale;

/**
 * Whether Kie.ai can reach the public URL the bundle gives it for callbacks (app.public-base-url). Left unset, it is
 * http://localhost:<port>: right for the sandbox, wrong anywhere else, where Kie.ai's callbacks then go nowhere (or to
 * whatever answers that name on Kie.ai's side) and every result waits for the poller. Only the URL's own host is
 * judged (a loopback name or address, or the wildcard 0.0.0.0): no lookup at start.
 */
public final class CallbackAddress {

    private CallbackAddress() {
    }

    /** Why Kie.ai cannot call {@code publicBaseUrl} back, or null when its host is not a loopback one. */
    public static String problem(String publicBaseUrl) {
        String host;
        try {
            host = URI.create(publicBaseUrl.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return "app.public-base-url is not a URL (" + e.getMessage() + "): Kie.ai cannot call back to it";
        }
        if (host == null) {
            return "app.public-base-url has no host: Kie.ai cannot call back to it";
        }
        if (!loopback(host.toLowerCase(Locale.ROOT))) {
            return null;
        }
        return "app.public-base-url is " + publicBaseUrl + " (a loopback address; unset, it is http://localhost:<port>): Kie.ai cannot"
                + " call back to it, so every result waits for the status poller; set APP_PUBLIC_BASE_URL to the https"
                + " address Kie.ai reaches this bundle at";
    }

    private static boolean loopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("localhost") || bare.endsWith(".localhost") || bare.startsWith("127.")
                || bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1") || bare.equals("0.0.0.0");
    }
}
