package dev.videogate.generation;

import dev.videogate.api.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.camel.Header;

/**
 * The paging of GET /api/generations: ?limit (1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent) and
 * ?cursor, the nextCursor of the page before. A cursor is opaque to callers (base64url of the last generation shown);
 * the next page is what comes after that row in (created_at, id) order, so rows written meanwhile neither repeat nor
 * shift a page.
 */
public final class GenerationPages {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final String PREFIX = "g1:";

    /** One page asked for: its size, and the generation it comes after (null: the newest first). */
    public record Page(int limit, String after) {
    }

    public Page page(@Header("limit") String limit, @Header("cursor") String cursor) {
        return new Page(limit(limit), after(cursor));
    }

    static String cursor(String generationId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + generationId).getBytes(StandardCharsets.UTF_8));
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("invalid_limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX) && GenerationIds.looksValid(text.substring(PREFIX.length()))) {
                return text.substring(PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new BadRequest("invalid_cursor", "cursor must be the nextCursor of a page of GET /api/generations");
    }
}
