package dev.videogate.payment;

import dev.videogate.x402.BalanceOfCall;
import dev.videogate.x402.EvmAddress;
import java.util.Optional;
import java.math.BigInteger;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The balance read of routes/15-payment.yaml (route payer-balance): the eth_call, its answer, and what is held
 * against when the chain does not answer. The payer's address is never logged here.
 */
public class PayerBalances {

    private static final Logger LOG = LoggerFactory.getLogger(PayerBalances.class);

    private final X402Payments payments;

    public PayerBalances(X402Payments payments) {
        this.payments = payments;
    }

    /** Before the read: only what /verify vouched for (this payment's amount). */
    public PayerBalance unread(@Variable("payment") PaymentContext payment) {
        return PayerBalance.unread(payment.amount());
    }

    /** The eth_call of balanceOf(payer) on the token of the payment's entry (asked at that entry's RPC). */
    public String request(@Variable("payment") PaymentContext payment) {
        return BalanceOfCall.request(payment.option().asset().address(), EvmAddress.parse(payment.payer()));
    }

    /** The chain's answer; an error or nonsense leaves the balance unread (one payment at a time in flight). */
    public PayerBalance answer(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                               @Variable("payerBalance") PayerBalance balance) {
        Optional<BigInteger> read = status != null && status < 300 ? BalanceOfCall.balance(answer) : Optional.empty();
        if (read.isEmpty()) {
            LOG.warn("The chain's RPC gave no balance ({}); this payer may have one payment in flight until it does",
                    status != null && status >= 300 ? "HTTP " + status : "an unreadable answer");
            return balance;
        }
        return balance.read(read.get());
    }

    /** The RPC could not be reached or did not answer in time (app.x402.balance-timeout-ms). */
    public PayerBalance unanswered(@Variable("payerBalance") PayerBalance balance) {
        LOG.warn("The chain's RPC did not answer the balance read; this payer may have one payment in flight until it does");
        return balance;
    }
}
