package dev.videogate.x402;

import static dev.videogate.x402.RejectionReasons.ASSET_MISMATCH;
import static dev.videogate.x402.RejectionReasons.AUTHORIZATION_VALUE;
import static dev.videogate.x402.RejectionReasons.MISSING_SIGNATURE;
import static dev.videogate.x402.RejectionReasons.NETWORK_MISMATCH;
import static dev.videogate.x402.RejectionReasons.RECIPIENT_MISMATCH;
import static dev.videogate.x402.RejectionReasons.SCHEME_MISMATCH;
import static dev.videogate.x402.RejectionReasons.VALID_AFTER;
import static dev.videogate.x402.RejectionReasons.VALID_BEFORE;

import java.time.Clock;

/**
 * The checks we can do without a chain, before spending a facilitator round trip: is this payment
 * for what we asked (scheme, network, token, recipient, exact amount) and is it usable now?
 *
 * <p>Why do them locally when the facilitator repeats most: a v2 facilitator is given OUR
 * requirements, and it does not compare the client's {@code accepted} copy with them (the TS
 * resource server does that with a deepEqual); and a clear local refusal is cheaper and easier to
 * explain. The time rules: {@code validBefore} must leave the whole request time to finish (at least
 * app.x402.min-validity-seconds; the facilitator's own floor is 6 s) and may not reach further than the
 * maxTimeoutSeconds we asked for; {@code validAfter} must not be in the future.
 */
public final class LocalPaymentCheck {

    /** Same margin as @x402/evm's verify: at least this many seconds must remain before validBefore. */
    public static final long MIN_SECONDS_LEFT = 6;

    private LocalPaymentCheck() {
    }

    public static void check(PaymentPayload payment, ExpectedPayment expected, Clock clock) {
        if (!RequirementsBuilder.SCHEME_EXACT.equals(payment.scheme())) {
            throw new PaymentRejected(SCHEME_MISMATCH, "scheme '" + payment.scheme() + "' was not offered; pay with 'exact'");
        }
        if (!payment.network().equals(expected.network())) {
            throw new PaymentRejected(NETWORK_MISMATCH,
                    "payment is on " + payment.network() + " but this resource is sold on " + expected.network());
        }
        Authorization auth = payment.authorization();
        if (payment.accepted().isPresent()) {
            AcceptedRequirement acc = payment.accepted().get();
            if (!expected.asset().sameAs(acc.asset())) {
                throw new PaymentRejected(ASSET_MISMATCH,
                        "accepted.asset " + acc.asset() + " is not the offered token " + expected.asset());
            }
            if (!expected.payTo().sameAs(acc.payTo())) {
                throw new PaymentRejected(RECIPIENT_MISMATCH,
                        "accepted.payTo " + acc.payTo() + " is not the offered recipient " + expected.payTo());
            }
            if (!acc.amount().equals(expected.amount())) {
                throw new PaymentRejected(AUTHORIZATION_VALUE,
                        "accepted.amount " + acc.amount() + " is not the price " + expected.amount());
            }
        }
        if (!auth.to().equals(expected.payTo())) {
            throw new PaymentRejected(RECIPIENT_MISMATCH,
                    "authorization.to " + auth.to() + " is not the recipient " + expected.payTo());
        }
        if (!auth.value().equals(expected.amount())) {
            throw new PaymentRejected(AUTHORIZATION_VALUE,
                    "authorization.value " + auth.value() + " is not the exact price " + expected.amount() + " (atomic units)");
        }
        long now = clock.instant().getEpochSecond();
        long left = auth.validBefore() - now;
        if (left < Math.max(MIN_SECONDS_LEFT, expected.minValiditySeconds())) {
            throw new PaymentRejected(VALID_BEFORE, "authorization expires in " + left + " s; at least "
                    + expected.minValiditySeconds() + " s must remain so that verify, the task and the settlement all fit");
        }
        if (left > expected.maxValiditySeconds()) {
            throw new PaymentRejected(VALID_BEFORE, "authorization stays valid for " + left + " s, longer than the "
                    + (expected.maxValiditySeconds() - ExpectedPayment.CLOCK_SLACK_SECONDS) + " s (maxTimeoutSeconds) the 402 asked for");
        }
        if (auth.validAfter() > now) {
            throw new PaymentRejected(VALID_AFTER,
                    "authorization is only valid after " + auth.validAfter() + " (now " + now + ")");
        }
        if (payment.signature().isEmpty()) {
            throw new PaymentRejected(MISSING_SIGNATURE, "payload.signature is missing");
        }
    }
}
