package dev.videogate.x402;

/**
 * Reason codes used in {@link PaymentRejected}. Where x402 has a code for the same condition we use
 * its exact string: the {@code invalid_exact_evm_*} ones are the constants of @x402/evm
 * ({@code mechanisms/evm/src/exact/facilitator/errors.ts}, identical in Go), so a local refusal and
 * a facilitator refusal of the same fault carry the same code. The others are from the x402 spec's
 * error list, or ours where x402 has none (marked).
 */
public final class RejectionReasons {

    /** Ours: header not base64, not JSON, too large, or not a JSON object. */
    public static final String INVALID_PAYMENT_HEADER = "invalid_payment_header";
    /** x402 spec: payload malformed (missing field, wrong type, bad address/nonce format). */
    public static final String INVALID_PAYLOAD = "invalid_payload";
    /** x402 spec: version missing, unknown, or not the one its header implies. */
    public static final String INVALID_X402_VERSION = "invalid_x402_version";
    /** x402 spec: a scheme other than "exact". */
    public static final String UNSUPPORTED_SCHEME = "unsupported_scheme";
    /** x402 spec: a network we cannot parse at all (e.g. "solana"). */
    public static final String INVALID_NETWORK = "invalid_network";

    /** @x402/evm ErrInvalidScheme. */
    public static final String SCHEME_MISMATCH = "invalid_exact_evm_scheme";
    /** @x402/evm ErrNetworkMismatch. */
    public static final String NETWORK_MISMATCH = "invalid_exact_evm_network_mismatch";
    /** @x402/evm ErrRecipientMismatch. */
    public static final String RECIPIENT_MISMATCH = "invalid_exact_evm_recipient_mismatch";
    /** @x402/evm ErrInvalidAuthorizationValue. */
    public static final String AUTHORIZATION_VALUE = "invalid_exact_evm_authorization_value";
    /** @x402/evm ErrValidBeforeExpired. */
    public static final String VALID_BEFORE = "invalid_exact_evm_payload_authorization_valid_before";
    /** @x402/evm ErrValidAfterInFuture. */
    public static final String VALID_AFTER = "invalid_exact_evm_payload_authorization_valid_after";
    /** x402 Go ErrMissingSignature (go/mechanisms/evm/exact/facilitator/errors.go). */
    public static final String MISSING_SIGNATURE = "invalid_exact_evm_payload_missing_signature";
    /** Ours, in x402's style: x402 has no EIP-3009 code for a different token (the server's deepEqual match fails instead). */
    public static final String ASSET_MISMATCH = "invalid_exact_evm_asset_mismatch";

    private RejectionReasons() {
    }
}
