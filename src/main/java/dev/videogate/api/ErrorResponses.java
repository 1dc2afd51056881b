package dev.videogate.api;

import dev.videogate.http.JsonAnswers;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a failure's answer as the caller's JSON error (the shape is {@link JsonAnswers}'s, the same as for answers the
 * router gives). Which answer a failure gets is decided by the onException clauses in routes/01-answers.yaml: they put
 * it in variable {@code errorAnswer}, then route answer-failure calls {@link #render}. This class decides nothing.
 */
public class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    /**
     * The answer a failure carries itself: the {@link ApiException} among its causes (a bean step's failure may reach
     * the error policy wrapped by Camel).
     */
    public ApiException carried(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        ApiException answer = ObjectHelper.getException(ApiException.class, failure);
        return answer != null ? answer : new UnexpectedFailure();
    }

    /** Ends the request with the answer the error clause chose; 5xx are logged (WARN), unexpected ones with the stack. */
    public void render(Exchange exchange, @Variable("errorAnswer") ApiException answer) {
        if (answer.worthLogging()) {
            LOG.warn("{} answered {} {}: {}", exchange.getFromRouteId(), answer.status(), answer.code(), SafeText.of(answer.getMessage(), 300));
        }
        if (answer instanceof UnexpectedFailure) {
            LOG.error("Unexpected failure", exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        }
        write(exchange, answer);
    }

    public static void write(Exchange exchange, ApiException error) {
        exchange.getMessage().removeHeaders("*");
        error.answerHeaders().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, error.status());
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(error.answerBody().toString());
    }
}
