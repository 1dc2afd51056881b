package dev.videogate.http;

import dev.videogate.api.SafeText;
import dev.videogate.api.UnsupportedMediaType;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Header;

/**
 * The first step of a route whose body is JSON: a body sent as a form (curl's -d without -H), as text, or with no
 * Content-Type at all is refused with 415 unsupported_media_type naming application/json, before the body is read,
 * instead of a puzzling "invalid JSON" for a body that may well be JSON. Not on Kie.ai's callback: its Content-Type is
 * not documented, and a real callback must never be refused for it.
 */
public class JsonBodies {

    /** application/json, or a +json type (application/merge-patch+json...), with any parameters (charset). */
    public void requireJson(@Header(Exchange.CONTENT_TYPE) String contentType) {
        if (!isJson(contentType)) {
            throw new UnsupportedMediaType("Send the body as JSON with Content-Type: application/json ("
                    + (contentType == null || contentType.isBlank() ? "none was sent" : "got " + SafeText.of(contentType, 80)) + ")");
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String type = (parameters < 0 ? contentType : contentType.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
