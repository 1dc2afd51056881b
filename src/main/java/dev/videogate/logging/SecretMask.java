package dev.videogate.logging;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Pattern;

/**
 * Takes secrets out of a log line, whatever wrote it (our code, Camel, a library's exception message): the values of
 * the secret settings this instance was given (the Kie.ai key, the admin token, ...), bearer and basic credentials,
 * x402 payment headers (base64 JSON), JWTs (the CDP facilitator's tokens), EIP-3009 signatures (0x-hex longer than a 32-byte hash) and Standard Webhooks
 * secrets. Transaction hashes, nonces, addresses and generation ids stay readable: they are what an operator searches by.
 */
public final class SecretMask {

    static final String MASK = "***";

    /** A secret shorter than this is not looked for as a value: it would mask ordinary words. */
    static final int MIN_SECRET_LENGTH = 8;

    private static final Set<String> SECRETS = new CopyOnWriteArraySet<>();

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            // a header named like a credential, as Camel and HTTP clients print headers: name=value, name: value, "name":"value"
            new Rule(Pattern.compile("(?i)((?:PAYMENT-SIGNATURE|X-PAYMENT|Authorization)[\"']?\\s*[=:]\\s*[\"']?)"
                    + "(?:(?:Bearer|Basic)\\s+)?[^\\s\"',;}\\]]+"), "$1" + MASK),
            // a bearer credential anywhere else (the scheme as HTTP spells it, so that prose is left alone)
            new Rule(Pattern.compile("\\bBearer\\s+[A-Za-z0-9._~+/=-]{6,}"), "Bearer " + MASK),
            // a JWT (a CDP facilitator token, an access token): header, claims and signature, all three
            new Rule(Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), "eyJ" + MASK),
            // an x402 payment header is base64 of a JSON object: it starts with eyJ ({")
            new Rule(Pattern.compile("eyJ[A-Za-z0-9+/_-]{16,}={0,2}"), "eyJ" + MASK),
            // a signature is 65 bytes (130 hex digits); hashes and nonces (64) and addresses (40) are left alone
            new Rule(Pattern.compile("0x[0-9a-fA-F]{65,}"), "0x" + MASK),
            new Rule(Pattern.compile("whsec_[A-Za-z0-9+/=]+"), "whsec_" + MASK));

    private SecretMask() {
    }

    /** A secret setting's value, masked wherever it appears from now on (empty or short values are ignored). */
    public static void remember(String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
            SECRETS.add(secret.strip());
        }
    }

    /** The text with every secret it holds replaced by ***; the same String when there was none. */
    public static String apply(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : SECRETS) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        for (Rule rule : RULES) {
            masked = rule.pattern().matcher(masked).replaceAll(rule.replacement());
        }
        return masked.equals(text) ? text : masked;
    }
}
