package dev.videogate.x402;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Builds the "exact" EVM payment requirements for one request, in both wire versions.
 *
 * <p>Key order follows the reference TypeScript (x402 core server for v2, x402-express 1.x for v1)
 * so our header is byte-identical to theirs for the same inputs. Amounts are strings of atomic units;
 * {@code maxTimeoutSeconds} is a number. Returned nodes are mutable so the gateway can add its own
 * fields (e.g. {@code paymentRequired}, {@code price}) to the 402 body.
 */
public final class RequirementsBuilder {

    public static final String SCHEME_EXACT = "exact";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final X402Settings settings;
    private final FacilitatorSupport support;

    /** Offers every kind configured (the facilitator's /supported not consulted). */
    public RequirementsBuilder(X402Settings settings) {
        this(settings, new FacilitatorSupport(settings.network()));
    }

    /** Offers only what the facilitator's /supported lists for our network (everything configured until it is read). */
    public RequirementsBuilder(X402Settings settings, FacilitatorSupport support) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.support = Objects.requireNonNull(support, "support");
    }

    /** Whether a v1 offer can be made (false on custom chains with no v1 name, or when the facilitator lacks it). */
    public boolean offersV1() {
        return support.offers(1);
    }

    /** Whether the v2 offer can be made (the facilitator supports v2 exact on our network, or has not said yet). */
    public boolean offersV2() {
        return support.offers(2);
    }

    /** Whether a payment of that x402 version is offered now. */
    public boolean offers(int x402Version) {
        return support.offers(x402Version);
    }

    /** Changes when what is offered may have changed (a rendered 402 of an older revision is stale). */
    public long offerRevision() {
        return support.revision();
    }

    /** {@code {scheme, network, amount, asset, payTo, maxTimeoutSeconds, extra:{name, version}}}. */
    public ObjectNode v2Requirement(BigInteger atomicAmount) {
        ObjectNode r = JSON.objectNode();
        r.put("scheme", SCHEME_EXACT);
        r.put("network", settings.network().caip2());
        r.put("amount", positive(atomicAmount).toString());
        r.put("asset", settings.asset().address().checksummed());
        r.put("payTo", settings.payTo().checksummed());
        r.put("maxTimeoutSeconds", settings.maxTimeoutSeconds());
        r.set("extra", extra());
        return r;
    }

    /**
     * {@code {x402Version:2, error?, resource:{url, description, mimeType}, accepts:[requirement]}};
     * a null error is omitted (JSON.stringify drops undefined).
     */
    public ObjectNode v2PaymentRequired(ResourceInfo resource, BigInteger atomicAmount, String error) {
        ObjectNode pr = JSON.objectNode();
        pr.put("x402Version", 2);
        if (error != null) {
            pr.put("error", error);
        }
        ObjectNode res = pr.putObject("resource");
        res.put("url", resource.url());
        res.put("description", resource.description());
        res.put("mimeType", resource.mimeType());
        ArrayNode accepts = pr.putArray("accepts");
        if (offersV2()) {
            accepts.add(v2Requirement(atomicAmount));
        }
        return pr;
    }

    /** The {@code PAYMENT-REQUIRED} header value for the given v2 PaymentRequired object. */
    public static String encodeHeader(ObjectNode paymentRequired) {
        return X402Json.toBase64Json(paymentRequired);
    }

    /** v1 requirement without {@code outputSchema}. */
    public ObjectNode v1Requirement(ResourceInfo resource, BigInteger atomicAmount) {
        return v1Requirement(resource, atomicAmount, null);
    }

    /**
     * {@code {scheme, network, maxAmountRequired, resource, description, mimeType, payTo,
     * maxTimeoutSeconds, asset, outputSchema?, extra:{name, version}}}. With an HTTP method, adds the
     * {@code outputSchema} that x402-express 1.x sends ({@code {input:{type:"http", method,
     * discoverable:true}}}), which v1 discovery (bazaar) reads.
     */
    public ObjectNode v1Requirement(ResourceInfo resource, BigInteger atomicAmount, String httpMethod) {
        ObjectNode r = JSON.objectNode();
        r.put("scheme", SCHEME_EXACT);
        r.put("network", settings.network().wireName(1));
        r.put("maxAmountRequired", positive(atomicAmount).toString());
        r.put("resource", resource.url());
        r.put("description", resource.description());
        r.put("mimeType", resource.mimeType());
        r.put("payTo", settings.payTo().checksummed());
        r.put("maxTimeoutSeconds", settings.maxTimeoutSeconds());
        r.put("asset", settings.asset().address().checksummed());
        if (httpMethod != null) {
            ObjectNode input = r.putObject("outputSchema").putObject("input");
            input.put("type", "http");
            input.put("method", httpMethod.toUpperCase(java.util.Locale.ROOT));
            input.put("discoverable", true);
        }
        r.set("extra", extra());
        return r;
    }

    /** {@code {x402Version:1, error, accepts:[requirement]}}: the v1 402 response body. */
    public ObjectNode v1PaymentRequired(ResourceInfo resource, BigInteger atomicAmount, String error, String httpMethod) {
        ObjectNode body = JSON.objectNode();
        body.put("x402Version", 1);
        body.put("error", error == null ? "X-PAYMENT header is required" : error);
        ArrayNode accepts = body.putArray("accepts");
        accepts.add(v1Requirement(resource, atomicAmount, httpMethod));
        return body;
    }

    /** The requirement the facilitator must see for a payment of that version. */
    public ObjectNode requirementFor(int x402Version, ResourceInfo resource, BigInteger atomicAmount, String httpMethod) {
        return switch (x402Version) {
            case 1 -> v1Requirement(resource, atomicAmount, httpMethod);
            case 2 -> v2Requirement(atomicAmount);
            default -> throw new IllegalArgumentException("unsupported x402 version " + x402Version);
        };
    }

    private ObjectNode extra() {
        ObjectNode extra = JSON.objectNode();
        extra.put("name", settings.asset().eip712Name());
        extra.put("version", settings.asset().eip712Version());
        return extra;
    }

    private static BigInteger positive(BigInteger amount) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be a positive number of atomic units, got " + amount);
        }
        return amount;
    }
}
