package dev.videogate.payment;

import dev.videogate.x402.AuthorizationStateCall;
import dev.videogate.x402.EvmAddress;
import dev.videogate.x402.FacilitatorResponseException;
import dev.videogate.x402.X402Settings;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Whether x402 is on, with its settings (token, payTo, network), and the reconciler's question to the chain: was this
 * unconfirmed payment's authorization used? The gate is {@link PaymentGateStep}'s, the settlement {@link SettleStep}'s.
 */
public class X402Payments {

    private final boolean enabled;
    private final X402Settings settings;

    public X402Payments(boolean enabled, X402Settings settings) {
        this.enabled = enabled;
        this.settings = settings;
    }

    /** Whether requests must pay (x402 on). */
    public boolean enabled() {
        return enabled;
    }

    /** The payment settings (token, payTo), or null when x402 is off. */
    public X402Settings settings() {
        return settings;
    }

    /** The eth_call that asks the token whether the unconfirmed row's authorization was used. */
    public String authorizationStateRequest(@Variable("unconfirmed") Map<String, Object> row) {
        if (settings == null) {
            throw new IllegalStateException("x402 payment is off: there is no chain to ask");
        }
        return AuthorizationStateCall.request(settings.asset().address(), EvmAddress.parse((String) row.get("payer")),
                (String) row.get("payment_nonce"));
    }

    /** The chain's answer: whether the authorization was used (a failing RPC is an error, asked again next round). */
    public boolean authorizationUsed(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        if (status != null && status >= 300) {
            throw new FacilitatorResponseException("the chain's RPC answered HTTP " + status);
        }
        return AuthorizationStateCall.used(answer);
    }
}
