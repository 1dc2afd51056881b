package dev.videogate.kie;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.api.ApiException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.camel.CamelExecutionException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;

/** Which createTask failures may have left a task at Kie.ai (keep the row) and which certainly did not (delete it). */
class UnansweredCreateTest {

    private final UnansweredCreate rule = new UnansweredCreate();

    @Test
    void aLostAnswerMayHaveStartedATask() {
        assertTrue(rule.mayHaveStarted(new SocketTimeoutException("Read timed out"), true, null));
        assertTrue(rule.mayHaveStarted(new NoHttpResponseException("127.0.0.1:1 failed to respond"), true, null));
        assertTrue(rule.mayHaveStarted(new CamelExecutionException("wrapped", null, new SocketTimeoutException("Read timed out")), true, null));
    }

    @Test
    void whatNeverReachedKieStartedNothing() {
        assertFalse(rule.mayHaveStarted(new ConnectException("Connection refused"), true, null));
        assertFalse(rule.mayHaveStarted(new ConnectTimeoutException("connect timed out"), true, null));
        assertFalse(rule.mayHaveStarted(new SSLHandshakeException("handshake"), true, null));
        assertFalse(rule.mayHaveStarted(new SocketTimeoutException("Read timed out"), false, null), "createTask was never sent");
    }

    @Test
    void kiesOwnErrorAnswersAndLaterFailuresAreNotLostAnswers() {
        assertFalse(rule.mayHaveStarted(new ApiException(422, "upstream_rejected_input", "no"), true, null));
        assertFalse(rule.mayHaveStarted(new SocketTimeoutException("settle timed out"), true, "task-1"), "the task id is known");
    }
}
