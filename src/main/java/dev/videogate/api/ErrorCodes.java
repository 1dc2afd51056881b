package dev.videogate.api;

import java.util.List;

/**
 * Every value the {@code error} field of the API's JSON error can take, and every {@code code} of the 402 challenge:
 * the OpenAPI document's enums are made from these lists (clients generated from it get them as enums). A test reads
 * the code base for the codes it can answer and holds them against these lists and docs/api.md's table, so a new code
 * cannot be answered without being documented.
 */
public final class ErrorCodes {

    /** The {@code error} of {"success":false,"error":code,"message":...}, whichever layer answers it. */
    public static final List<String> ERRORS = List.of(
            "access_token_required", "admin_token_required", "body_too_large", "callback_throttled", "copy_failed",
            "copy_pending", "copy_removed", "credentials_in_query", "database_unavailable", "headers_too_large",
            "internal_error", "invalid_cursor", "invalid_field", "invalid_limit", "invalid_json", "invalid_media_url", "invalid_request", "invalid_signature",
            "method_not_allowed", "missing_field", "model_paused", "model_unavailable", "not_found", "not_in_ledger",
            "payment_already_used", "payment_confirming", "payment_facilitator_unavailable", "payment_in_progress",
            "payment_not_settled", "queue_full", "range_not_satisfiable", "request_timeout", "siwx_bad_signature",
            "siwx_expired", "siwx_invalid", "siwx_not_payer", "siwx_not_yet_valid", "siwx_replayed", "siwx_required",
            "siwx_unknown_nonce", "siwx_wrong_chain", "siwx_wrong_domain", "siwx_wrong_uri", "starting", "too_many_waiting",
            "unknown_model", "unknown_task", "unsupported_media_type", "upstream_auth_failed", "upstream_error",
            "upstream_feature_disabled", "upstream_maintenance", "upstream_not_found", "upstream_out_of_credits",
            "upstream_rate_limited", "upstream_rejected_input", "upstream_timeout", "upstream_unreachable", "uri_too_long",
            "url_check_unavailable");

    /** The {@code code} of POST /api/generate's 402 challenge (its {@code error} is x402's own free text). */
    public static final List<String> CHALLENGES = List.of("payment_required", "payment_invalid", "insufficient_funds");

    private ErrorCodes() {
    }
}
