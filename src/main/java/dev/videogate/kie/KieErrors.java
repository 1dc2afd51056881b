package dev.videogate.kie;

import dev.videogate.api.ApiException;
import dev.videogate.api.TooManyRequests;
import dev.videogate.api.Unavailable;
import dev.videogate.api.UpstreamFailed;
import dev.videogate.logging.SecretMask;

/**
 * Maps a Kie.ai error (HTTP status and/or the body's "code") to what our caller should hear. Kie.ai often
 * answers HTTP 200 with the error in "code", so both are read. Messages never carry the API key.
 */
final class KieErrors {

    private KieErrors() {
    }

    static ApiException toApi(int httpStatus, int code, String msg, String model) {
        int effective = code != 200 && code != 0 ? code : httpStatus;
        // Kie.ai's words go to the caller: a secret of ours they may echo (the API key) is masked as in the logs
        String detail = msg == null || msg.isBlank() ? "no message" : SecretMask.apply(msg);
        if (detail.toLowerCase().contains("temporarily paused")) {
            return new Unavailable("model_paused", "Kie.ai has paused model '" + model
                    + "' (\"" + detail + "\"); nothing was charged. GET /api/models lists the models on sale.", 3600);
        }
        return switch (effective) {
            case 401, 403 -> new UpstreamFailed("upstream_auth_failed",
                    "Kie.ai refused the gateway's API key; the operator must check KIE_AI_API_KEY. Nothing was charged");
            case 402 -> new Unavailable("upstream_out_of_credits",
                    "The gateway's Kie.ai account is out of credits; nothing was charged, try again later", 600);
            case 404 -> new UpstreamFailed("upstream_not_found", "Kie.ai does not know this task: " + detail);
            case 422 -> new ApiException(422, "upstream_rejected_input", "Kie.ai rejected the request: " + detail);
            case 429 -> new TooManyRequests("upstream_rate_limited",
                    "Kie.ai is rate-limiting the gateway; nothing was charged, retry in a few seconds", 10);
            case 455 -> new Unavailable("upstream_maintenance", "Kie.ai is under maintenance; nothing was charged", 300);
            case 505 -> new Unavailable("upstream_feature_disabled", "Kie.ai has disabled this feature: " + detail);
            default -> new UpstreamFailed("upstream_error", "Kie.ai failed (" + effective + ": " + detail + "); nothing was charged, try again");
        };
    }
}
