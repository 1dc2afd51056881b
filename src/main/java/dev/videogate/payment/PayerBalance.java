package dev.videogate.payment;

import java.math.BigInteger;

/**
 * What a paid request's hold is measured against (variable "payerBalance", read by sql/insert-generation.sql): the
 * payer's balance read from the chain after /verify, or, when the chain did not answer, the payment's own amount,
 * which the facilitator's /verify has just found covered (then the payer has one payment at a time in flight).
 *
 * @param atomic       the balance from the chain, or null when it could not be read
 * @param vouched      this payment's amount: the least the balance was at /verify
 * @param readFromNanos when the read started (System.nanoTime): settlements after it may be missing from the balance
 */
public record PayerBalance(BigInteger atomic, BigInteger vouched, long readFromNanos) {

    /** A read about to start; until it answers the balance is only what /verify vouched for. */
    public static PayerBalance unread(BigInteger vouched) {
        return new PayerBalance(null, vouched, System.nanoTime());
    }

    public PayerBalance read(BigInteger balance) {
        return new PayerBalance(balance, vouched, readFromNanos);
    }

    public boolean known() {
        return atomic != null;
    }

    /** The most this payer's payments in flight may hold, this one included. */
    public BigInteger limitAtomic() {
        return atomic != null ? atomic : vouched;
    }

    /** Milliseconds since the read started, at the moment the hold is written (evaluated then by the statement). */
    public long ageMillis() {
        return (System.nanoTime() - readFromNanos) / 1_000_000 + 1;
    }
}
