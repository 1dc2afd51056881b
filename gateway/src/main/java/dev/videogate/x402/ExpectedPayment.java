package dev.videogate.x402;

import java.math.BigInteger;
import java.util.Objects;

/** What this request must be paid with: exactly {@code amount} atomic units of {@code asset} to {@code payTo} on {@code network}. */
public record ExpectedPayment(X402Network network, EvmAddress asset, EvmAddress payTo, BigInteger amount) {

    public ExpectedPayment {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(payTo, "payTo");
        Objects.requireNonNull(amount, "amount");
    }

    public static ExpectedPayment of(X402Settings settings, BigInteger atomicAmount) {
        return new ExpectedPayment(settings.network(), settings.asset().address(), settings.payTo(), atomicAmount);
    }
}
