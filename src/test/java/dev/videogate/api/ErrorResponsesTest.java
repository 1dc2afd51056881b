package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.db.DatabaseOutage;
import dev.videogate.support.Json;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** What is left in Java of the error answers: finding the answer a failure carries, writing it, and the named kinds. */
class ErrorResponsesTest {

    private final ErrorResponses responses = new ErrorResponses();

    @Test
    void theCarriedAnswerIsFoundUnderCamelsWrapper() {
        NotFound notFound = new NotFound("not_found", "No generation with this id");
        assertSame(notFound, responses.carried(new RuntimeCamelException(new IllegalStateException(notFound))));
        assertSame(notFound, responses.carried(notFound));
    }

    @Test
    void aFailureWithoutAnAnswerIsUnexpected() {
        assertInstanceOf(UnexpectedFailure.class, responses.carried(new IllegalStateException("no answer here")));
        assertInstanceOf(UnexpectedFailure.class, responses.carried(null));
    }

    @Test
    void renderWritesTheAnswerAndDropsTheFlowsHeaders() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("X-PAYMENT", "secret-signature");
        exchange.setVariable("errorAnswer", new Unavailable("model_paused", "paused for now", 3600));

        responses.render(exchange, exchange.getVariable("errorAnswer", ApiException.class));

        assertEquals(503, exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
        assertEquals("3600", exchange.getMessage().getHeader("Retry-After"));
        assertEquals("application/json", exchange.getMessage().getHeader(Exchange.CONTENT_TYPE));
        assertNull(exchange.getMessage().getHeader("X-PAYMENT"), "no header of the flow's goes back");
        JsonNode body = Json.parse(exchange.getMessage().getBody(String.class));
        assertFalse(body.get("success").asBoolean());
        assertEquals("model_paused", body.get("error").asText());
        assertEquals("paused for now", body.get("message").asText());
    }

    @Test
    void eachNamedKindHasItsStatus() {
        assertAnswer(new BadRequest("invalid_field", "m"), 400, "invalid_field", null);
        assertAnswer(ApiException.badRequest("invalid_json", "m"), 400, "invalid_json", null);
        assertInstanceOf(BadRequest.class, ApiException.badRequest("invalid_json", "m"));
        assertAnswer(new Unauthorized("admin_token_required", "m"), 401, "admin_token_required", null);
        assertAnswer(new PaymentRequired("payment_not_settled", "m"), 402, "payment_not_settled", null);
        assertAnswer(new NotFound("not_found", "m"), 404, "not_found", null);
        assertAnswer(new Conflict("payment_in_progress", "m"), 409, "payment_in_progress", null);
        assertAnswer(new Conflict("payment_in_progress", "m", 2), 409, "payment_in_progress", 2);
        assertAnswer(new TooManyRequests("callback_throttled", "m", 7), 429, "callback_throttled", 7);
        assertAnswer(new Unavailable("upstream_feature_disabled", "m"), 503, "upstream_feature_disabled", null);
        assertAnswer(new UpstreamFailed("upstream_auth_failed", "m"), 502, "upstream_auth_failed", null);
        assertAnswer(DatabaseUnavailable.answer(), 503, "database_unavailable", 5);
        assertAnswer(PaymentAlreadyUsed.answer(), 409, "payment_already_used", null);
        assertAnswer(UpstreamTimeout.answer(), 504, "upstream_timeout", null);
        assertAnswer(UpstreamUnreachable.answer(), 502, "upstream_unreachable", null);
        assertAnswer(UpstreamFailed.answer(), 502, "upstream_error", null);
        assertAnswer(UnexpectedFailure.answer(), 500, "internal_error", null);
    }

    @Test
    void onlyServerSideAnswersAreWorthALogLine() {
        assertTrue(UpstreamTimeout.answer().worthLogging());
        assertTrue(UnexpectedFailure.answer().worthLogging());
        assertFalse(new NotFound("not_found", "m").worthLogging());
        assertFalse(new Unavailable("url_check_unavailable", "m", 1).worthLogging(), "counted where it happens instead");
    }

    /** The predicates of the database's clause and of the network clauses, asked while a clause is chosen and after. */
    @Test
    void theDatabaseOutageIsToldFromAnUpstreamsFailure() {
        DatabaseOutage outage = new DatabaseOutage(() -> false);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setException(new RuntimeException(new SQLTransientConnectionException("pool empty", "08001",
                new ConnectException("Connection refused"))));
        assertTrue(outage.caused(exchange));
        assertFalse(outage.ruledOut(exchange));

        Exchange upstream = new DefaultExchange(new DefaultCamelContext());
        upstream.setProperty(Exchange.EXCEPTION_CAUGHT, new ConnectException("Connection refused"));
        assertFalse(outage.caused(upstream));
        assertTrue(outage.ruledOut(upstream));
    }

    private static void assertAnswer(ApiException answer, int status, String code, Integer retryAfter) {
        assertEquals(status, answer.status(), code);
        assertEquals(code, answer.code());
        assertEquals(retryAfter, answer.retryAfterSeconds(), code);
    }
}
