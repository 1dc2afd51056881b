package dev.videogate.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.http.JsonAnswers;
import org.apache.camel.Exchange;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever ended a request in a route into the caller's JSON error (the shape is {@link JsonAnswers}'s, the
 * same as for answers the router gives). Used by the error policy in routes/01-answers.yaml. PostgreSQL out of
 * reach is 503 database_unavailable; unknown failures become a 500 without internals.
 */
public class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    public void render(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException error = classify(cause);
        if (error.worthLogging()) {
            LOG.warn("{} answered {} {}: {}", exchange.getFromRouteId(), error.status(), error.code(), SafeText.of(error.getMessage(), 300));
        }
        if (error.code().equals("internal_error")) {
            LOG.error("Unexpected failure", cause);
        }
        write(exchange, error);
    }

    public static void write(Exchange exchange, ApiException error) {
        exchange.getMessage().removeHeaders("*");
        error.answerHeaders().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(error.answerBody().toString());
    }

    static ApiException classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
            if (DatabaseOutage.causedBy(t)) {
                // before the network checks below: a refused connection to PostgreSQL is no upstream's fault
                return DatabaseOutage.answer();
            }
            if (t.getClass().getName().equals("org.springframework.dao.DuplicateKeyException")) {
                // the unique key on the payment: this signed payment already bought a generation
                return new ApiException(409, "payment_already_used",
                        "This payment authorization was already used for another generation; sign a new one");
            }
            if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException
                    || t instanceof ConnectionRequestTimeoutException) {
                return new ApiException(504, "upstream_timeout", "An upstream service did not answer in time; nothing was charged, try again");
            }
            if (t instanceof ConnectException) {
                return new ApiException(502, "upstream_unreachable", "An upstream service could not be reached; nothing was charged, try again");
            }
            if (t instanceof IOException && t.getClass().getName().startsWith("org.apache.hc")) {
                return new ApiException(502, "upstream_error", "An upstream service failed; nothing was charged, try again");
            }
        }
        return new ApiException(500, "internal_error", "The gateway failed to handle the request");
    }
}
