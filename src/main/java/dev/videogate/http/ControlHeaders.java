package dev.videogate.http;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * The one rule for caller headers: a header whose name starts with "Camel" or "org.apache.camel." (any case)
 * is a control header that steers Camel components (CamelSqlQuery replaces the SQL, CamelHttpUri the upstream
 * URL), so nothing a caller sends may carry one onto an exchange. Enforced twice with this same rule: stripped
 * from every request on the Vert.x router before any handler runs ({@link #strip}), and filtered by
 * platform-http as its header filter strategy (application.properties), which also keeps Camel's own headers
 * out of our answers. As that strategy it also keeps query parameters from passing for headers: platform-http hands
 * it each query parameter as if it were one, and only those the API defines ({@link QueryParameters}) get through.
 */
public final class ControlHeaders implements HeaderFilterStrategy {

    private static final List<String> PREFIXES = List.of("camel", "org.apache.camel.");

    public static boolean isControl(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /** Removes every control header from an inbound request's headers; returns how many were dropped. */
    public static int strip(MultiMap headers) {
        List<String> control = headers.names().stream().filter(ControlHeaders::isControl).toList();
        control.forEach(headers::remove);
        return control.size();
    }

    /** Our answers: never echo an exchange's control headers to the caller. */
    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return isControl(name);
    }

    /** The caller's request: never let a control header in, nor a query parameter the API does not define. */
    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        return isControl(name) || !(sentAsHeader(name, value, exchange) || QueryParameters.isApiParameter(name));
    }

    /** Whether the request really carries this header with this value (a query parameter of that name does not count). */
    private static boolean sentAsHeader(String name, Object value, Exchange exchange) {
        return exchange.getIn() instanceof HttpMessage http && http.getRequest() != null
                && http.getRequest().headers().getAll(name).contains(String.valueOf(value));
    }
}
