package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.config.GatewayConfiguration;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.LogCapture;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Every family of failure reaches the caller as the answer its onException clause in routes/01-answers.yaml gives:
 * a failure of that family is thrown inside POST /api/generate (before the row is written, by step id; the ones the
 * simulator cannot play), and the caller's status, code and Retry-After are checked. Removing or reordering a clause
 * turns its case into another answer (most into the 500 of the last clause).
 */
@CamelMainTest(configurationClasses = GatewayConfiguration.class, propertyPlaceholderLocations = "file:application.properties",
        advices = {
                @AdviceRouteMapping(route = "generate-request", advice = EachFailureFamilyHasItsAnswerTest.FailBeforeTheRow.class),
                @AdviceRouteMapping(route = "kie-create-task", advice = EachFailureFamilyHasItsAnswerTest.FailAtCreateTask.class)})
class EachFailureFamilyHasItsAnswerTest extends GatewayTest {

    private static final AtomicReference<Throwable> BEFORE_ROW = new AtomicReference<>();
    private static final AtomicReference<Throwable> AT_CREATE = new AtomicReference<>();

    /** The next failure set in BEFORE_ROW is thrown where the payment gate runs: nothing is written yet. */
    public static class FailBeforeTheRow extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("generate-payment-gate").before().process(e -> throwIfSet(BEFORE_ROW));
        }
    }

    /** The next failure set in AT_CREATE is thrown as createTask's HTTP call: the row is written, the task was sent. */
    public static class FailAtCreateTask extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveById("kie-create-call").replace().process(e -> {
                throwIfSet(AT_CREATE);
                throw new IllegalStateException("a case set no failure at createTask");
            });
        }
    }

    private static void throwIfSet(AtomicReference<Throwable> next) throws Exception {
        Throwable failure = next.getAndSet(null);
        if (failure instanceof Exception e) {
            throw e;
        }
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                // PostgreSQL refusing connections: its ConnectException is not an upstream's
                Arguments.of("database refused", new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001",
                                new ConnectException("Connection refused"))), 503, "database_unavailable", "5"),
                // a statement cut off by the server going away: its socket timeout is not an upstream's either
                Arguments.of("database gone mid-statement", new RuntimeException(new SQLException("An I/O error occurred", "08006",
                        new SocketTimeoutException("Read timed out"))), 503, "database_unavailable", "5"),
                // one POST /api/generate can answer (the OpenAPI contract checks every answer of the run)
                Arguments.of("answer carried", new UpstreamFailed("upstream_auth_failed", "Kie.ai refused our key"), 502,
                        "upstream_auth_failed", null),
                Arguments.of("answer carried, wrapped by Camel", new RuntimeCamelException(new Unavailable("model_paused",
                        "paused for now", 3600)), 503, "model_paused", "3600"),
                Arguments.of("payment key taken", new DuplicateKeyException("duplicate key value violates unique constraint",
                        new SQLException("duplicate key", "23505")), 409, "payment_already_used", null),
                Arguments.of("upstream read timeout", new SocketTimeoutException("Read timed out"), 504, "upstream_timeout", null),
                Arguments.of("upstream connect timeout", new ConnectTimeoutException("Connect to kie.ai timed out"), 504, "upstream_timeout", null),
                Arguments.of("upstream refused", new HttpHostConnectException("Connect to kie.ai refused"), 502, "upstream_unreachable", null),
                Arguments.of("upstream broke", new NoHttpResponseException("kie.ai failed to respond"), 502, "upstream_error", null),
                Arguments.of("ours", new IllegalStateException("internal detail 4711"), 500, "internal_error", null));
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("failures")
    void theClauseOfItsFamilyAnswers(String what, Throwable failure, int status, String code, String retryAfter) throws Exception {
        BEFORE_ROW.set(failure);
        long rowsBefore = rows(); // counted, not assumed 0: the methods of this class run in any order
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("failure: " + what));
        assertAnswer(answer, status, code, retryAfter);
        assertFalse(answer.body().contains("4711") || answer.body().contains("kie.ai") || answer.body().contains("Hikari"),
                "no internals reach the caller: " + answer.body());
        assertEquals(rowsBefore, rows(), "nothing was written");
    }

    @Test
    void anUnexpectedFailureIsLoggedWithItsStack() throws Exception {
        try (LogCapture log = LogCapture.open()) {
            BEFORE_ROW.set(new IllegalStateException("internal detail 4712"));
            assertAnswer(gateway.post("/api/generate", Json.request("failure: logged")), 500, "internal_error", null);
            assertTrue(log.text().contains("Unexpected failure | java.lang.IllegalStateException: internal detail 4712"), log.text());
        }
    }

    /** A clause's answer still undoes the row a request wrote for a task that never started. */
    @Test
    void aRefusedCreateTaskLeavesNoRow() throws Exception {
        AT_CREATE.set(new HttpHostConnectException("Connect to kie.ai refused"));
        long rowsBefore = rows();
        assertAnswer(gateway.post("/api/generate", Json.request("failure: refused createTask")), 502, "upstream_unreachable", null);
        assertEquals(rowsBefore, rows(), "the row written before createTask is gone");
    }

    /** ... and keeps, with 202, the row of a createTask that was sent and never answered. */
    @Test
    void anUnansweredCreateTaskIsKeptUnconfirmed() throws Exception {
        AT_CREATE.set(new SocketTimeoutException("Read timed out"));
        HttpResponse<String> answer = gateway.post("/api/generate", Json.request("failure: unanswered createTask"));
        assertEquals(202, answer.statusCode(), answer.body());
        String id = Json.parse(answer.body()).get("generationId").asText();
        assertEquals(1, db.count("SELECT count(*) FROM generation WHERE id = '" + id + "' AND state = 'unconfirmed'"), answer.body());
        db.execute("DELETE FROM generation WHERE id = '" + id + "'");
    }

    private static void assertAnswer(HttpResponse<String> answer, int status, String code, String retryAfter) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        JsonNode body = Json.parse(answer.body());
        assertFalse(body.get("success").asBoolean(), answer.body());
        assertEquals(code, body.get("error").asText(), answer.body());
        assertEquals(retryAfter, answer.headers().firstValue("Retry-After").orElse(null), answer.headers().map().toString());
    }
}
