package dev.videogate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.http.HttpServerResponse;

/** The API's error shape, {"success":false,"error":code,"message":...}, for answers written on the Vert.x side. */
public final class JsonAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAnswers() {
    }

    public static ObjectNode errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("success", false);
        body.put("error", code);
        body.put("message", message);
        return body;
    }

    /** Ends the response with a JSON error, unless something already answered. */
    public static void error(HttpServerResponse response, int status, String code, String message) {
        if (response.ended() || response.closed() || response.headWritten()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(errorBody(code, message).toString());
    }
}
