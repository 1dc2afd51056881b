package dev.videogate.x402;

import java.math.BigInteger;
import java.time.Clock;
import java.util.Objects;

/**
 * One configured way to be paid ({@link AcceptEntry}) as the running gateway uses it: what its facilitator says it
 * supports (its own /supported), the requirements it offers, and the Authorization of the calls to its facilitator.
 * The routes read it as variable x402Option ({@code ${variable.x402Option.facilitatorUrl}}, {@code rpcUrl}): every
 * address comes from the settings, the payer only chooses which entry.
 */
public final class PaymentOption {

    private final int index;
    private final AcceptEntry entry;
    private final FacilitatorSupport support;
    private final RequirementsBuilder requirements;
    private final FacilitatorAuthorization authorization;

    public PaymentOption(int index, AcceptEntry entry, Clock clock) {
        this(index, entry, new FacilitatorSupport(entry.network()), clock);
    }

    public PaymentOption(int index, AcceptEntry entry, FacilitatorSupport support, Clock clock) {
        this.index = index;
        this.entry = Objects.requireNonNull(entry, "entry");
        this.support = Objects.requireNonNull(support, "support");
        this.requirements = new RequirementsBuilder(entry.settings(), support);
        this.authorization = FacilitatorAuthorization.of(entry.settings(), clock);
    }

    public int index() {
        return index;
    }

    public AcceptEntry entry() {
        return entry;
    }

    public X402Settings settings() {
        return entry.settings();
    }

    public X402Network network() {
        return entry.network();
    }

    public TokenAsset asset() {
        return entry.asset();
    }

    public FacilitatorSupport support() {
        return support;
    }

    public RequirementsBuilder requirements() {
        return requirements;
    }

    /** The Authorization value of one call to this entry's facilitator ("" for none). */
    public String authorization(String method, String operation) {
        return authorization.value(method, operation);
    }

    /** Without a trailing slash: the routes append /verify, /settle, /supported. */
    public String facilitatorUrl() {
        return entry.settings().facilitatorUrl().toString();
    }

    /** The chain's JSON-RPC of this entry, or null when none is known (no balance read, no reconciliation). */
    public String rpcUrl() {
        return entry.rpcUrl().orElse(null);
    }

    /** What a request costing {@code atomicAmount} must be paid with on this entry. */
    public ExpectedPayment expected(BigInteger atomicAmount) {
        return ExpectedPayment.of(entry.settings(), atomicAmount);
    }

    /** Whether a payment on this network (and, when named, this token) is for this entry. */
    public boolean isFor(X402Network network, String asset) {
        return entry.network().equals(network) && (asset == null || entry.asset().address().sameAs(asset));
    }

    /** For logs and the report: the network and the token's name. */
    public String label() {
        return entry.network().caip2() + " " + entry.asset().eip712Name() + " (" + entry.asset().address().checksummed() + ")";
    }

    @Override
    public String toString() {
        return entry.key() + ": " + label();
    }
}
