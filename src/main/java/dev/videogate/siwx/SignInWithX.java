package dev.videogate.siwx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.x402.Base64Template;
import dev.videogate.x402.EvmAddress;
import dev.videogate.x402.PersonalSign;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Sign-in-with-x (the x402 extension of that name, @x402/extensions): a payer that lost its access token proves, with a
 * message signed by the wallet that paid, that it is that payer, and reads its generations again without paying.
 *
 * <p>Two halves. The 402 declares the extension: a CAIP-122 challenge (our domain, the paid resource's URI, a fresh
 * nonce, issuedAt, expirationTime) and the chains it may be signed for. The declaration is rendered once per cached
 * 402 with marks where the fresh values go ({@link #declaration}), and {@link #fill} puts new ones in per 402: a few
 * string replacements, no JSON work and no database write (the nonce is HMAC-signed, {@link SiwxNonces}).
 *
 * <p>Then {@link #verify} checks a SIGN-IN-WITH-X header: the EIP-4361 text rebuilt from its fields, the signer
 * recovered (EIP-191, externally owned accounts only: EIP-1271/6492 smart wallets are refused), the domain ours, the
 * URI ours (the paid resource, or the very resource asked for) and every listed resource under our public URL, the
 * chain one we offer, the nonce ours and unexpired, the times in their window. Spending the nonce (single use) is the
 * route's step (sql/siwx-spend-nonce.sql). Every refusal is a {@link SiwxRefused} (401) that names what was wrong and
 * never echoes the proof.
 */
public final class SignInWithX {

    public static final String HEADER = "SIGN-IN-WITH-X";
    public static final String EXTENSION = "sign-in-with-x";
    static final String STATEMENT = "Sign in to read the video generations this wallet paid for";
    /** Clocks differ a little: a proof issued this much "in the future" is still taken. */
    static final Duration SKEW = Duration.ofSeconds(30);

    private static final String NONCE_MARK = "@siwx-nonce@";
    private static final String ISSUED_MARK = "@siwx-issued-at@";
    private static final String EXPIRES_MARK = "@siwx-expires@";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String domain;
    private final String base;
    private final String paidResource;
    private final List<String> chains;
    private final SiwxNonces nonces;
    private final Duration validity;
    private final Clock clock;

    /**
     * @param publicBaseUrl app.public-base-url: the domain (host[:port]) and the URIs a proof must name
     * @param chains        CAIP-2 ids a proof may be signed for (the network we are paid on)
     * @param secret        shared by every instance (the database's read-token key): nonces are HMAC-signed with a key derived from it
     * @param validity      how long a challenge may be used (its expirationTime, and the max age of issuedAt)
     */
    public SignInWithX(String publicBaseUrl, List<String> chains, byte[] secret, Duration validity, Clock clock) {
        URI uri = URI.create(publicBaseUrl.replaceAll("/+$", ""));
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("app.public-base-url must be an http(s) URL without credentials: " + publicBaseUrl);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(uri.getScheme()) && port == 443) || ("http".equals(uri.getScheme()) && port == 80);
        this.domain = uri.getHost() + (defaultPort ? "" : ":" + port); // as a browser's URL.host writes it
        this.base = uri.getScheme() + "://" + domain + (uri.getRawPath() == null ? "" : uri.getRawPath());
        this.paidResource = base + "/api/generate";
        this.chains = List.copyOf(chains);
        this.nonces = new SiwxNonces(derive(secret));
        this.validity = validity;
        this.clock = clock;
    }

    /**
     * The extension's entry in a 402's extensions: {info, supportedChains, schema}, as the official server declares it,
     * with marks for the nonce and times ({@link #fill} replaces them). Resources: the paid resource and the list of
     * the wallet's generations, what a proof opens.
     */
    public ObjectNode declaration() {
        ObjectNode declaration = JSON.objectNode();
        ObjectNode info = declaration.putObject("info");
        info.put("domain", domain);
        info.put("uri", paidResource);
        info.put("version", "1");
        info.put("nonce", NONCE_MARK);
        info.put("issuedAt", ISSUED_MARK);
        ArrayNode resources = info.putArray("resources");
        resources.add(paidResource);
        resources.add(base + "/api/generations");
        info.put("expirationTime", EXPIRES_MARK);
        info.put("statement", STATEMENT);
        ArrayNode supported = declaration.putArray("supportedChains");
        chains.forEach(chain -> supported.addObject().put("chainId", chain).put("type", "eip191"));
        declaration.set("schema", schema());
        return declaration;
    }

    /** A rendered 402 header (JSON text holding {@link #declaration}), to be base64-encoded with fresh values each time. */
    public Base64Template template(String renderedJson) {
        return Base64Template.around(renderedJson, NONCE_MARK, ISSUED_MARK, EXPIRES_MARK);
    }

    /** A rendered 402 (JSON text holding {@link #declaration}) with a fresh nonce, issuedAt and expirationTime. */
    public String fill(String renderedJson) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expires = now.plus(validity);
        return renderedJson.replace(NONCE_MARK, nonces.issue(expires)).replace(ISSUED_MARK, iso(now)).replace(EXPIRES_MARK, iso(expires));
    }

    /**
     * Checks the SIGN-IN-WITH-X proof sent with a request for {@code resourcePath} (e.g. /api/generate/gen_...):
     * everything but the nonce's single use.
     *
     * @throws SiwxRefused (401) with the code of the first check that failed
     */
    public SignIn verify(@Header(HEADER) String header, @Variable("siwxResource") String resourcePath) {
        SiwxProof proof = SiwxProof.parse(header);
        if (!"1".equals(proof.version())) {
            throw SiwxRefused.invalid("version must be 1");
        }
        if (!"eip191".equals(proof.type())) {
            throw SiwxRefused.invalid("type must be eip191 (an Ethereum account's personal_sign)");
        }
        if (!domain.equals(proof.domain())) {
            throw new SiwxRefused("siwx_wrong_domain", "The SIGN-IN-WITH-X proof was signed for another domain; sign the challenge of "
                    + domain + "'s 402");
        }
        if (!proof.uri().equals(paidResource) && !(resourcePath != null && proof.uri().equals(base + resourcePath))) {
            throw new SiwxRefused("siwx_wrong_uri", "The SIGN-IN-WITH-X proof's uri must be " + paidResource + " (the 402's) or the resource asked for");
        }
        if (proof.resources() != null && !proof.resources().stream().allMatch(r -> r.startsWith(base + "/"))) {
            throw new SiwxRefused("siwx_wrong_uri", "The SIGN-IN-WITH-X proof lists a resource that is not under " + base);
        }
        if (!chains.contains(proof.chainId())) {
            throw new SiwxRefused("siwx_wrong_chain", "The SIGN-IN-WITH-X proof is for chain " + safe(proof.chainId()) + "; sign for one of " + chains);
        }
        Instant nonceExpires = nonces.expiry(proof.nonce());
        if (nonceExpires == null) {
            throw new SiwxRefused("siwx_unknown_nonce", "The SIGN-IN-WITH-X proof's nonce is not one of ours: sign the challenge of a fresh 402");
        }
        checkTimes(proof, nonceExpires);
        EvmAddress claimed;
        try {
            claimed = EvmAddress.parse(proof.address());
        } catch (IllegalArgumentException e) {
            throw SiwxRefused.invalid("address is not an EVM address");
        }
        EvmAddress signer;
        try {
            signer = PersonalSign.signer(SiweMessage.text(proof, claimed.checksummed(), chainNumber(proof.chainId())), proof.signature());
        } catch (IllegalArgumentException e) {
            throw SiwxRefused.invalid("the signature is malformed (" + e.getMessage() + ")");
        }
        if (!signer.equals(claimed)) {
            throw new SiwxRefused("siwx_bad_signature", "The SIGN-IN-WITH-X signature is not the wallet's for this message"
                    + " (only externally owned accounts are recognised, not smart-contract wallets)");
        }
        return new SignIn(claimed.checksummed(), proof.nonce(), Timestamp.from(nonceExpires.plus(SKEW)));
    }

    /** GET /api/generations without a proof. */
    public void required() {
        throw new SiwxRefused("siwx_required", "Sign in: send a SIGN-IN-WITH-X proof signed by the paying wallet for the"
                + " challenge in extensions[\"sign-in-with-x\"] of a 402 of POST /api/generate");
    }

    /** The proof's nonce was spent already (sql/siwx-spend-nonce.sql inserted nothing). */
    public void replayed() {
        throw new SiwxRefused("siwx_replayed", "This SIGN-IN-WITH-X proof was used already; each proof is good once: sign the"
                + " challenge of a fresh 402");
    }

    /** A proof opens only the generations its wallet paid for. */
    public void mustBePayer(@Body Map<String, Object> row, @Variable("signIn") SignIn signIn) {
        if (row != null && !row.isEmpty() && !signIn.paid(row.get("payer"))) {
            throw new ApiException(403, "siwx_not_payer", "The signed-in wallet did not pay for this generation");
        }
    }

    private void checkTimes(SiwxProof proof, Instant nonceExpires) {
        Instant now = clock.instant();
        Instant issuedAt = instant(proof.issuedAt(), "issuedAt");
        if (issuedAt.isAfter(now.plus(SKEW))) {
            throw new SiwxRefused("siwx_not_yet_valid", "The SIGN-IN-WITH-X proof's issuedAt is in the future");
        }
        if (issuedAt.plus(validity).isBefore(now) || nonceExpires.isBefore(now)) {
            throw new SiwxRefused("siwx_expired", "The SIGN-IN-WITH-X proof has expired: sign the challenge of a fresh 402");
        }
        if (proof.expirationTime() != null && instant(proof.expirationTime(), "expirationTime").isBefore(now)) {
            throw new SiwxRefused("siwx_expired", "The SIGN-IN-WITH-X proof has expired: sign the challenge of a fresh 402");
        }
        if (proof.notBefore() != null && instant(proof.notBefore(), "notBefore").isAfter(now.plus(SKEW))) {
            throw new SiwxRefused("siwx_not_yet_valid", "The SIGN-IN-WITH-X proof is not valid yet (notBefore)");
        }
    }

    private static Instant instant(String text, String field) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw SiwxRefused.invalid(field + " is not an ISO 8601 time");
        }
    }

    private static long chainNumber(String caip2) {
        return Long.parseLong(caip2.substring(caip2.indexOf(':') + 1)); // one of ours: eip155:<digits>
    }

    /** JS toISOString's form: always milliseconds, always Z. */
    private static String iso(Instant instant) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static String safe(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }

    private static byte[] derive(byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal("sign-in-with-x nonces".getBytes(StandardCharsets.US_ASCII));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** The JSON schema of a proof, as the extension publishes it (draft 2020-12). */
    private static ObjectNode schema() {
        ObjectNode schema = JSON.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        for (String field : List.of("domain", "address", "statement", "uri", "version", "chainId", "type", "nonce", "issuedAt",
                "expirationTime", "notBefore", "requestId", "resources", "signature")) {
            ObjectNode property = properties.putObject(field);
            if (field.equals("resources")) {
                property.put("type", "array");
                property.putObject("items").put("type", "string").put("format", "uri");
            } else {
                property.put("type", "string");
                if (field.equals("uri")) {
                    property.put("format", "uri");
                } else if (field.equals("issuedAt") || field.equals("expirationTime") || field.equals("notBefore")) {
                    property.put("format", "date-time");
                }
            }
        }
        ArrayNode required = schema.putArray("required");
        List.of("domain", "address", "uri", "version", "chainId", "type", "nonce", "issuedAt", "signature").forEach(required::add);
        return schema;
    }
}
