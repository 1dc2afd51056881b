package dev.videogate.payment;

import dev.videogate.x402.AuthorizationStateCall;
import dev.videogate.x402.EvmAddress;
import dev.videogate.x402.FacilitatorResponseException;
import dev.videogate.x402.PaymentOption;
import dev.videogate.x402.PaymentOptions;
import dev.videogate.x402.X402Settings;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Whether x402 is on, with its payment options (each a network, token, payTo, facilitator and RPC), and the
 * reconciler's question to the chain: was this unconfirmed payment's authorization used? A recorded payment's entry
 * is found by its payment key, a /settle request's by its requirements. The gate is {@link PaymentGateStep}'s, the
 * settlement {@link SettleStep}'s. Payments that cannot be reconciled here (their entry was removed from the
 * configuration, or has no RPC) are remembered by network, so readiness can name them.
 */
public class X402Payments {

    /** Generation ids remembered per network, enough to count a backlog without growing without bound. */
    private static final int REMEMBERED_PER_NETWORK = 1000;

    private final boolean enabled;
    private final PaymentOptions options;
    private final Map<String, Set<String>> unreconcilable = new ConcurrentHashMap<>();

    public X402Payments(boolean enabled, PaymentOptions options) {
        this.enabled = enabled;
        this.options = options;
    }

    /** Whether requests must pay (x402 on). */
    public boolean enabled() {
        return enabled;
    }

    /** The first entry's settings (token, payTo), or null when x402 is off. */
    public X402Settings settings() {
        return options == null ? null : options.first().settings();
    }

    /** Every entry, or null when x402 is off. */
    public PaymentOptions options() {
        return options;
    }

    /** Whether unconfirmed payments can be reconciled: x402 is on and some entry has a chain RPC. */
    public boolean reconciles() {
        return enabled && options != null && options.all().stream().anyMatch(o -> o.rpcUrl() != null);
    }

    /** The entry of a recorded payment (a row with payment_key): its chain is asked, its facilitator settles. */
    public PaymentOption optionOfRow(@Variable("unconfirmed") Map<String, Object> row) {
        if (options == null) {
            throw new IllegalStateException("x402 payment is off: there is no chain to ask");
        }
        String key = (String) row.get("payment_key");
        PaymentOption option = options.byPaymentKey(key).orElse(null);
        if (option == null) {
            remember(String.valueOf(row.get("payment_network")), row);
            throw new IllegalStateException("the payment of " + row.get("id") + " is on no configured network and token ("
                    + row.get("payment_network") + "); configure it again to reconcile it");
        }
        if (option.rpcUrl() == null) {
            remember(option.network().caip2(), row);
            throw new IllegalStateException("no RPC for " + option + " (set its rpc-url) to ask the chain");
        }
        return option;
    }

    private void remember(String network, Map<String, Object> row) {
        Set<String> ids = unreconcilable.computeIfAbsent(network, n -> ConcurrentHashMap.newKeySet());
        if (ids.size() < REMEMBERED_PER_NETWORK) {
            ids.add(String.valueOf(row.get("id")));
        }
    }

    /**
     * What readiness notes: per network, the unconfirmed payments this instance's reconciler could not ask a chain
     * about (their outcome stays unknown, the result is not released) since it started.
     */
    public Map<String, String> unreconcilable() {
        Map<String, String> notes = new TreeMap<>();
        unreconcilable.forEach((network, ids) -> notes.put("unreconcilable on " + network, ids.size()
                + (ids.size() >= REMEMBERED_PER_NETWORK ? " or more" : "") + " unconfirmed payment(s) (e.g. " + ids.iterator().next()
                + "): no configured entry with an RPC for this network and token; configure it again (app.x402.accepts) to settle or fail them"));
        return notes;
    }

    /** The entry whose facilitator settles this /settle request (body: the exact request). */
    public PaymentOption optionOfSettleRequest(@Body String settleRequest) {
        if (options == null) {
            throw new IllegalStateException("x402 payment is off: nothing to settle");
        }
        return options.bySettleRequest(settleRequest).orElseThrow(() -> new IllegalStateException(
                "a /settle request for no configured network and token; configure it again to settle it"));
    }

    /** The eth_call that asks the token of the row's entry ({@link #optionOfRow}) whether its authorization was used. */
    public String authorizationStateRequest(@Variable("unconfirmed") Map<String, Object> row, @Variable("x402Option") PaymentOption option) {
        return AuthorizationStateCall.request(option.asset().address(), EvmAddress.parse((String) row.get("payer")),
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
