package dev.videogate.x402;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What this request must be paid with: exactly {@code amount} atomic units of {@code asset} to {@code payTo} on
 * {@code network}, by an authorization that stays valid at least {@code minValiditySeconds} (the whole request
 * must fit before it expires) and at most {@code maxValiditySeconds} from now (what the 402 asked for).
 */
public record ExpectedPayment(X402Network network, EvmAddress asset, EvmAddress payTo, BigInteger amount,
                              long minValiditySeconds, long maxValiditySeconds) {

    /** Clocks differ: a client that signed validBefore = its now + maxTimeoutSeconds may be this far ahead of ours. */
    public static final long CLOCK_SLACK_SECONDS = 30;

    public ExpectedPayment {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(amount, "amount");
    }

    public static ExpectedPayment of(X402Settings settings, BigInteger atomicAmount) {
        return new ExpectedPayment(settings.network(), settings.asset().address(), settings.payTo(), atomicAmount,
                settings.minValiditySeconds(), settings.maxTimeoutSeconds() + CLOCK_SLACK_SECONDS);
    }
}
