package dev.videogate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.GatewayTest;
import dev.videogate.support.Json;
import dev.videogate.support.RawConnection;
import dev.videogate.support.RawHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that sends half a request line, half its headers or half its body, drips a byte now and then, or keeps a
 * connection open doing nothing, is cut after the configured time (app.http.header-/body-/idle-timeout-ms), with a
 * JSON 408 when a request was under way; a request whose answer we owe (a long-poll) is not.
 */
class SlowClientsAreCutTest extends GatewayTest {

    private static final long HEADER_MS = 1000;
    private static final long BODY_MS = 1500;
    private static final long IDLE_MS = 2000;
    /** Timers, scheduling and a loaded machine: how much later than its deadline a connection may be closed. */
    private static final long SLACK_MS = 1500;

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.http.header-timeout-ms", String.valueOf(HEADER_MS), "app.http.body-timeout-ms", String.valueOf(BODY_MS),
                "app.http.idle-timeout-ms", String.valueOf(IDLE_MS));
    }

    @Override
    protected SimulatorSettings simulator() {
        return SimulatorSettings.defaults().generationMillis(4000); // a long-poll waits longer than every deadline
    }

    @Test
    void halfARequestLineIsCutAfterTheHeaderTimeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            connection.send("GET /api/mod");
            expect408(connection.awaitClose(HEADER_MS + SLACK_MS + 2000), HEADER_MS, "request line and headers");
        }
    }

    @Test
    void halfTheHeadersAreCutAfterTheHeaderTimeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            connection.send("GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Ag");
            expect408(connection.awaitClose(HEADER_MS + SLACK_MS + 2000), HEADER_MS, "request line and headers");
        }
    }

    @Test
    void aDripDoesNotBuyMoreTime() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            long started = System.nanoTime();
            // 45 bytes at one per 150 ms would take 6.8 s; the header deadline is 1 s whatever arrives in between
            int sent = connection.drip("GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 150);
            RawConnection.Closed closed = connection.awaitClose(HEADER_MS + SLACK_MS + 2000);
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertTrue(sent < 45, "the whole request was accepted, one byte at a time");
            assertTrue(tookMs <= HEADER_MS + SLACK_MS, "closed after " + tookMs + " ms");
            assertTrue(closed.received().startsWith("HTTP/1.1 408"), closed.received());
        }
    }

    @Test
    void halfABodyIsCutAfterTheBodyTimeout() throws Exception {
        long written = rows();
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            connection.send("POST /api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                    + "{\"model\":");
            expect408(connection.awaitClose(BODY_MS + SLACK_MS + 2000), BODY_MS, "request body");
        }
        assertEquals(written, rows(), "nothing written");
    }

    @Test
    void aSilentConnectionIsClosedAfterTheHeaderTimeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            RawConnection.Closed closed = connection.awaitClose(HEADER_MS + SLACK_MS + 2000);
            assertWithin(closed.afterMs(), HEADER_MS);
            assertEquals("", closed.received(), "no request, no answer");
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            connection.send("GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertEquals(200, connection.readAnswer(10_000).status());
            RawConnection.Closed closed = connection.awaitClose(IDLE_MS + SLACK_MS + 2000);
            assertWithin(closed.afterMs(), IDLE_MS);
            assertEquals("", closed.received());
        }
    }

    @Test
    void aKeepAliveClientThatKeepsAskingIsServed() throws Exception {
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            for (int i = 0; i < 6; i++) { // 6 x 0.5 s: longer than the idle timeout in all, far shorter between requests
                connection.send("GET /api/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
                assertEquals(200, connection.readAnswer(10_000).status(), "request " + i);
                Thread.sleep(IDLE_MS / 4);
            }
        }
    }

    @Test
    void aLongPollIsAnsweredAfterEveryDeadlineHasPassed() throws Exception {
        String id = create("a lighthouse at dusk").get("generationId").asText();
        try (RawConnection connection = RawConnection.open(gateway.port())) {
            long started = System.nanoTime();
            connection.send("GET /api/generate/" + id + "?poll=true HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawHttp.Answer answer = connection.readAnswer(60_000);
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(200, answer.status(), answer.body());
            JsonNode status = Json.parse(answer.body());
            assertEquals("completed", status.get("state").asText(), answer.body());
            assertTrue(waitedMs > IDLE_MS + 500, "held " + waitedMs + " ms, past the header, body and idle timeouts");
            // answered: from now on it is an idle keep-alive connection like any other
            assertWithin(connection.awaitClose(IDLE_MS + SLACK_MS + 2000).afterMs(), IDLE_MS);
        }
    }

    private static void expect408(RawConnection.Closed closed, long deadlineMs, String what) throws Exception {
        assertWithin(closed.afterMs(), deadlineMs);
        assertTrue(closed.received().startsWith("HTTP/1.1 408 "), closed.received());
        assertTrue(closed.received().contains("Connection: close"), closed.received());
        String body = closed.received().substring(closed.received().indexOf("\r\n\r\n") + 4);
        JsonNode error = Json.parse(body);
        assertEquals("request_timeout", error.get("error").asText(), body);
        assertTrue(error.get("message").asText().contains(what), body);
    }

    /** Closed at its deadline: not before (less some timer leeway), not much after. */
    private static void assertWithin(long afterMs, long deadlineMs) {
        assertTrue(afterMs >= deadlineMs - 200 && afterMs <= deadlineMs + SLACK_MS,
                "closed after " + afterMs + " ms; the deadline is " + deadlineMs + " ms");
    }
}
