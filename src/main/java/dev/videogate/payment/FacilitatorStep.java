package dev.videogate.payment;

import dev.videogate.x402.FacilitatorMessages;
import dev.videogate.x402.PaymentOption;
import dev.videogate.x402.PaymentOptions;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Camel side of the calls to the facilitators (bean "facilitatorStep", routes/15-payment.yaml): the Authorization
 * value of each call (none, the static header, or a CDP JWT for exactly that call) for the facilitator of the call's
 * entry (variable x402Option), and the reading of each entry's /supported. The call's method is the header the
 * upstream-call template sets from its own parameter, the operation the route's constant variable
 * facilitatorOperation, the entry one of the configured ones: nothing a caller sends.
 */
public class FacilitatorStep {

    private static final Logger LOG = LoggerFactory.getLogger(FacilitatorStep.class);

    private final PaymentOptions options;

    /** @param options null when payment is off (nothing is read, no call is made) */
    public FacilitatorStep(PaymentOptions options) {
        this.options = options;
    }

    /** The Authorization header's value for this call to the entry's facilitator, "" for none. */
    public String authorization(@Header(Exchange.HTTP_METHOD) String method, @Variable("facilitatorOperation") String operation,
                                @Variable("x402Option") PaymentOption option) {
        if (option == null) {
            throw new IllegalStateException("a facilitator call without its payment option");
        }
        return option.authorization(method, operation);
    }

    /** Whether /supported is read (payment is on). */
    public boolean reads() {
        return options != null;
    }

    /** Every entry, each of whose facilitator's /supported is read. */
    public List<PaymentOption> options() {
        return options == null ? List.of() : options.all();
    }

    /** The answer of the entry's facilitator to GET /supported. */
    public void supportedAnswered(@Header(Exchange.HTTP_RESPONSE_CODE) Integer status, @Body String body,
                                  @Variable("x402Option") PaymentOption option) {
        String before = option.support().problem();
        Map<String, String> droppedBefore = options.dropped();
        option.support().answered(status, body);
        report(option, before, droppedBefore);
    }

    /** GET /supported got no answer (unreachable, too slow): what was known of that entry stands. */
    public void supportedUnanswered(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure,
                                    @Variable("x402Option") PaymentOption option) {
        String before = option.support().problem();
        Map<String, String> droppedBefore = options.dropped();
        option.support().unanswered(FacilitatorMessages.timedOut(failure) ? "did not answer in time" : "could not be reached");
        report(option, before, droppedBefore);
    }

    private void report(PaymentOption option, String problemBefore, Map<String, String> droppedBefore) {
        String problem = option.support().problem();
        boolean noneLeft = options.problem() != null;
        if (problem != null && !problem.equals(problemBefore)) {
            if (noneLeft) {
                LOG.error("x402 {} unusable: {}; no payment option is left, readiness is down", option, problem);
            } else {
                LOG.warn("x402 {} not offered: {} (the other payment options still are)", option, problem);
            }
        } else if (problem == null && problemBefore != null) {
            LOG.info("x402 {} offered again", option);
        }
        if (option.support().lastReadProblem() != null) {
            LOG.warn("x402 facilitator's /supported not read for {} ({}); offering what was known", option, option.support().lastReadProblem());
        }
    }
}
