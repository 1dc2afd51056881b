package dev.videogate.http;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Query parameters are no request headers. platform-http copies every one onto the exchange's headers, where a route
 * reading Authorization cannot tell ?Authorization=… from the header: so only the parameters the API defines may
 * become headers ({@link ControlHeaders}), and a credential in the URL, which proxies and access logs keep, is refused
 * by the front door before anything reads it.
 */
public final class QueryParameters {

    /**
     * What the routes read from the query: ?poll (status), ?format, ?all, ?status (admin lists), ?generation (callback),
     * ?limit and ?cursor (a wallet's list of generations).
     */
    private static final Set<String> API = Set.of("poll", "format", "all", "status", "generation", "limit", "cursor");

    /** Credentials by the lower-case name a caller may give them in a URL, with where they belong. */
    private static final Map<String, String> CREDENTIALS = Map.ofEntries(
            Map.entry("authorization", "the Authorization header"),
            Map.entry("proxy-authorization", "the Proxy-Authorization header"),
            Map.entry("payment-signature", "the PAYMENT-SIGNATURE header"),
            Map.entry("x-payment", "the X-PAYMENT header"),
            Map.entry("sign-in-with-x", "the SIGN-IN-WITH-X header"),
            Map.entry("idempotency-key", "the Idempotency-Key header"),
            Map.entry("x-webhook-signature", "the X-Webhook-Signature header"),
            Map.entry("x-webhook-timestamp", "the X-Webhook-Timestamp header"),
            Map.entry("accesstoken", "the Authorization header (Bearer <accessToken>)"),
            Map.entry("access_token", "the Authorization header (Bearer <accessToken>)"));

    private QueryParameters() {
    }

    public static boolean isApiParameter(String name) {
        return API.contains(name.toLowerCase(Locale.ROOT));
    }

    /** Where the first credential found in the query belongs (never its value), or null when there is none. */
    public static String misplacedCredential(RoutingContext ctx) {
        if (ctx.request().query() == null) {
            return null; // most requests: nothing to parse
        }
        MultiMap query = ctx.queryParams();
        for (String name : query.names()) {
            String belongs = CREDENTIALS.get(name.trim().toLowerCase(Locale.ROOT));
            if (belongs != null) {
                return belongs;
            }
        }
        return null;
    }
}
