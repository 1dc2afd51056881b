package dev.videogate.kie;

import dev.videogate.api.ApiException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Variable;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;

/**
 * Did a request that failed while creating its Kie.ai task perhaps start one? Yes, unless it is certain that it did
 * not: a refused or timed-out connect, a failed TLS handshake, no pooled connection, or an error answer from Kie.ai.
 * Those rows can be deleted. Any other failure once createTask was sent (read timeout, dropped connection, the
 * instance stopping) leaves the row kept, bound to its payment, for Kie.ai's callback to settle it. (Once the task id
 * is known the failure came later, e.g. a refused settlement, and is the caller's to hear as it is.)
 */
public class UnansweredCreate {

    public boolean mayHaveStarted(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
                                  @Variable("createTaskSent") Boolean sent, @Variable("kieTaskId") String kieTaskId) {
        if (kieTaskId != null || !Boolean.TRUE.equals(sent) || failure == null) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException || neverReachedKie(t)) {
                return false; // Kie.ai answered (an error), or was never reached
            }
        }
        return true; // sent, and no answer heard: a timeout, a dropped connection, or this instance stopping under it
    }

    private static boolean neverReachedKie(Throwable t) {
        return t instanceof ConnectException || t instanceof ConnectTimeoutException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException || t instanceof SSLHandshakeException
                || t instanceof ConnectionRequestTimeoutException;
    }
}
