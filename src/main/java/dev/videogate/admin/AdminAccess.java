package dev.videogate.admin;

import dev.videogate.api.NotFound;
import dev.videogate.api.Unauthorized;
import dev.videogate.payment.ReadTokens;
import org.apache.camel.Header;

/**
 * Who may use /api/admin/*: the bearer of app.admin.token. With no token configured the admin endpoints do not
 * exist (404), so a default install exposes nothing. Only the token's hash is kept in memory.
 */
public class AdminAccess {

    private final String tokenHash;

    public AdminAccess(String token) {
        if (token != null && !token.isBlank() && token.trim().length() < 24) {
            throw new IllegalStateException("app.admin.token: at least 24 characters (value not shown)");
        }
        this.tokenHash = token == null || token.isBlank() ? null : ReadTokens.hash(token.trim());
    }

    public void check(@Header("Authorization") String authorization) {
        if (tokenHash == null) {
            throw new NotFound("not_found", "No such endpoint");
        }
        if (!ReadTokens.matches(authorization, tokenHash)) {
            throw new Unauthorized("admin_token_required", "Send Authorization: Bearer <app.admin.token>")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
    }
}
