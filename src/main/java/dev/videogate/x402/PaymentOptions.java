package dev.videogate.x402;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every way the gateway may be paid (in configured order), and what is offered of them now: the 402 lists each entry
 * its facilitator supports ({@link FacilitatorSupport}, per entry); a payment is matched to the entry the payer chose
 * (its network, and for v2 the token of its {@code accepted}).
 *
 * <p>x402 v1 payloads name only the network, not the token: so v1 is offered for the first entry of each network
 * that v1 can name (base, base-sepolia), and a v1 payment is that entry's. Entries on chains with no v1 name are
 * offered in v2 {@code accepts} only.
 */
public final class PaymentOptions {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final List<PaymentOption> options;

    public PaymentOptions(List<PaymentOption> options) {
        if (options == null || options.isEmpty()) {
            throw new IllegalArgumentException("at least one payment option");
        }
        this.options = List.copyOf(options);
    }

    public static PaymentOptions of(List<AcceptEntry> entries, Clock clock) {
        List<PaymentOption> options = new ArrayList<>();
        for (AcceptEntry entry : entries) {
            options.add(new PaymentOption(options.size(), entry, clock));
        }
        return new PaymentOptions(options);
    }

    /** One entry (the single-network form). */
    public static PaymentOptions single(X402Settings settings, FacilitatorSupport support, Clock clock) {
        return new PaymentOptions(List.of(new PaymentOption(0, new AcceptEntry("app.x402", settings, settings.network().publicRpcUrl()),
                support, clock)));
    }

    public List<PaymentOption> all() {
        return options;
    }

    public PaymentOption first() {
        return options.get(0);
    }

    /** Changes whenever what any facilitator supports changes (a 402 rendered before is stale then). */
    public long revision() {
        long sum = 0;
        for (PaymentOption o : options) {
            sum += o.support().revision();
        }
        return sum;
    }

    /** The v2 requirement of every entry offered now, in configured order. */
    public ArrayNode v2Accepts(BigInteger atomicAmount) {
        ArrayNode accepts = JSON.arrayNode();
        for (PaymentOption o : options) {
            if (o.requirements().offersV2()) {
                accepts.add(o.requirements().v2Requirement(atomicAmount));
            }
        }
        return accepts;
    }

    /** {@code {x402Version:2, error?, resource, accepts:[every entry offered]}}. */
    public ObjectNode v2PaymentRequired(ResourceInfo resource, BigInteger atomicAmount, String error) {
        ObjectNode pr = first().requirements().v2PaymentRequired(resource, atomicAmount, error);
        pr.set("accepts", v2Accepts(atomicAmount));
        return pr;
    }

    /** Whether any entry is offered to x402 v1 clients now. */
    public boolean offersV1() {
        return !v1Options().isEmpty();
    }

    /** The v1 body: {@code {x402Version:1, error, accepts:[the v1 entry of each v1 network]}}. */
    public ObjectNode v1PaymentRequired(ResourceInfo resource, BigInteger atomicAmount, String error, String httpMethod) {
        List<PaymentOption> v1 = v1Options();
        ObjectNode body = v1.get(0).requirements().v1PaymentRequired(resource, atomicAmount, error, httpMethod);
        ArrayNode accepts = body.putArray("accepts");
        for (PaymentOption o : v1) {
            accepts.add(o.requirements().v1Requirement(resource, atomicAmount, httpMethod));
        }
        return body;
    }

    /** The first entry of each network v1 can name whose facilitator offers v1 there. */
    private List<PaymentOption> v1Options() {
        List<PaymentOption> v1 = new ArrayList<>();
        Set<X402Network> seen = new HashSet<>();
        for (PaymentOption o : options) {
            if (o.network().supportsV1() && o.requirements().offersV1() && seen.add(o.network())) {
                v1.add(o);
            }
        }
        return v1;
    }

    /**
     * The entry a payment is for: v2, the entry of its {@code accepted} network and token; v1, the network's first
     * entry offering v1 (the one its 402 offered). None: refused with the reason of the first difference (network, then token).
     */
    public PaymentOption chosenBy(PaymentPayload payment) {
        String asset = payment.accepted().map(AcceptedRequirement::asset).orElse(null);
        if (asset == null) {
            // no token named (v1): the entry its 402 offered, the first of that network offering that version
            for (PaymentOption o : options) {
                if (o.network().equals(payment.network()) && o.requirements().offers(payment.x402Version())) {
                    return o;
                }
            }
        }
        boolean networkKnown = false;
        for (PaymentOption o : options) {
            if (o.network().equals(payment.network())) {
                networkKnown = true;
                if (asset == null || o.isFor(payment.network(), asset)) {
                    return o;
                }
            }
        }
        if (!networkKnown) {
            throw new PaymentRejected(RejectionReasons.NETWORK_MISMATCH, "payment is on " + payment.network()
                    + " but this resource is sold on " + networks());
        }
        throw new PaymentRejected(RejectionReasons.ASSET_MISMATCH, "accepted.asset " + asset + " is not a token offered on "
                + payment.network() + " (" + options.stream().filter(o -> o.network().equals(payment.network()))
                        .map(o -> o.asset().address().checksummed()).collect(Collectors.joining(", ")) + ")");
    }

    /** The entry of a recorded payment, by its payment key (network:asset:payer:nonce, PaymentIdentity). */
    public Optional<PaymentOption> byPaymentKey(String paymentKey) {
        if (paymentKey == null) {
            return Optional.empty();
        }
        String key = paymentKey.toLowerCase(Locale.ROOT);
        for (PaymentOption o : options) {
            if (key.startsWith(o.network().caip2() + ":" + o.asset().address().lowercase() + ":")) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }

    /** The entry of a /settle request (its paymentRequirements' network, v1 name or CAIP-2, and asset). */
    public Optional<PaymentOption> bySettleRequest(String settleRequest) {
        try {
            JsonNode requirements = X402Json.mapper().readTree(settleRequest).path("paymentRequirements");
            X402Network network = X402Network.parse(requirements.path("network").asText(""));
            String asset = requirements.path("asset").asText("");
            return options.stream().filter(o -> o.isFor(network, asset)).findFirst();
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Readiness: null while at least one entry is usable; otherwise why none is. An entry its facilitator dropped
     * (see {@link #dropped()}) is a detail, not a failure, while another one can be paid.
     */
    public String problem() {
        Map<String, String> dropped = dropped();
        if (dropped.size() < options.size()) {
            return null;
        }
        return options.size() == 1 ? dropped.values().iterator().next()
                : "no payment option is usable: " + dropped.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                        .collect(Collectors.joining("; "));
    }

    /** Each entry not usable now, and why (its facilitator refuses our credentials or does not support it). */
    public Map<String, String> dropped() {
        Map<String, String> dropped = new LinkedHashMap<>();
        for (PaymentOption o : options) {
            String p = o.support().problem();
            if (p != null) {
                dropped.put(o.entry().key() + " (" + o.network().caip2() + ")", p);
            }
        }
        return dropped;
    }

    /** "eip155:8453, eip155:84532": the networks sold on. */
    public String networks() {
        return options.stream().map(o -> o.network().caip2()).distinct().collect(Collectors.joining(", "));
    }
}
