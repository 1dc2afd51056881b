package dev.videogate.payment;

import dev.videogate.x402.FacilitatorAuthorization;
import dev.videogate.x402.FacilitatorMessages;
import dev.videogate.x402.FacilitatorSupport;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel side of the calls to the facilitator (bean "facilitatorStep", routes/15-payment.yaml): the Authorization
 * value of each call (none, the static header, or a CDP JWT for exactly that call), and the reading of its
 * /supported. The call's method is the header the upstream-call template sets from its own parameter, the operation
 * the route's constant variable facilitatorOperation: nothing a caller sends.
 */
public class FacilitatorStep {

    private static final Logger LOG = LoggerFactory.getLogger(FacilitatorStep.class);

    private final FacilitatorAuthorization authorization;
    private final FacilitatorSupport support;

    /** @param support null when payment is off (nothing is read) */
    public FacilitatorStep(FacilitatorAuthorization authorization, FacilitatorSupport support) {
        this.authorization = authorization;
        this.support = support;
    }

    /** The Authorization header's value for this call, "" for none. */
    public String authorization(@Header(Exchange.HTTP_METHOD) String method, @Variable("facilitatorOperation") String operation) {
        return authorization.value(method, operation);
    }

    /** Whether /supported is read (payment is on). */
    public boolean reads() {
        return support != null;
    }

    /** The facilitator's answer to GET /supported. */
    public void supportedAnswered(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body) {
        String before = support.problem();
        support.answered(status, body);
        report(before);
    }

    /** GET /supported got no answer (unreachable, too slow): what was known stands. */
    public void supportedUnanswered(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        String before = support.problem();
        support.unanswered(FacilitatorMessages.timedOut(failure) ? "did not answer in time" : "could not be reached");
        report(before);
    }

    private void report(String problemBefore) {
        String problem = support.problem();
        if (problem != null && !problem.equals(problemBefore)) {
            LOG.error("x402 facilitator unusable: {}; readiness is down", problem);
        } else if (problem == null && problemBefore != null) {
            LOG.info("x402 facilitator usable again");
        }
        if (support.lastReadProblem() != null) {
            LOG.warn("x402 facilitator's /supported not read ({}); offering what was known", support.lastReadProblem());
        }
    }
}
