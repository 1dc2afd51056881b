package dev.videogate.kie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.generation.Generation;
import dev.videogate.generation.GenerationStates;
import java.math.BigDecimal;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Kie.ai's JSON, both ways: the createTask request, and the answers of createTask, recordInfo and
 * chat/credit (tolerant of msg/message and taskId/task_id, strict about what we rely on).
 */
public class KieMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The query parameter of our callBackUrl that names the generation a task was created for. */
    public static final String CALLBACK_GENERATION_PARAM = "generation";

    private final String callbackUrl;

    public KieMessages(String publicBaseUrl) {
        this.callbackUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/callback";
    }

    /**
     * The createTask body for one generation. The callBackUrl names the generation, so that a task whose createTask
     * answer was lost can still be found when Kie.ai calls back (recordInfo's copy of the request confirms it).
     */
    public String createTaskBody(@Variable("generation") Generation generation) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", generation.kieModel());
        body.put("callBackUrl", callbackUrl + "?" + CALLBACK_GENERATION_PARAM + "=" + generation.generationId());
        ObjectNode input = body.putObject("input");
        input.put("prompt", generation.prompt());
        input.put("aspect_ratio", generation.aspectRatio());
        input.put("n_frames", generation.nFrames());
        input.put("remove_watermark", generation.removeWatermark());
        return body.toString();
    }

    /** The task id from a createTask answer, or the caller-facing error Kie.ai's answer means. */
    public String taskId(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                         @Variable("generation") Generation generation) {
        JsonNode root = parse(answer, status);
        int code = root.path("code").asInt(0);
        if (httpFailed(status) || code != 200) {
            throw KieErrors.toApi(status == null ? 0 : status, code, message(root), generation.kieModel());
        }
        JsonNode data = root.path("data");
        String taskId = data.hasNonNull("taskId") ? data.get("taskId").asText() : data.path("task_id").asText("");
        if (taskId.isBlank()) {
            throw new ApiException(502, "upstream_error", "Kie.ai accepted the task but sent no task id; nothing was charged");
        }
        return taskId;
    }

    /** A recordInfo answer (or a callback body, same shape) in our terms. */
    public TaskRecord record(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        JsonNode root = parse(answer, status);
        int code = root.path("code").asInt(0);
        if (httpFailed(status) || code != 200) {
            throw KieErrors.toApi(status == null ? 0 : status, code, message(root), "?");
        }
        return taskRecord(root.path("data"));
    }

    static TaskRecord taskRecord(JsonNode data) {
        String kieState = data.path("state").asText("");
        String state = GenerationStates.fromKie(kieState);
        JsonNode consumed = data.path("consumeCredits");
        return new TaskRecord(data.path("taskId").asText(null), kieState, state, GenerationStates.isFinal(state),
                resultUrls(data.path("resultJson")).toString(),
                blankToNull(data.path("failCode").asText(null)), blankToNull(data.path("failMsg").asText(null)),
                consumed.isNumber() || consumed.isTextual() && !consumed.asText().isBlank() ? (Integer) consumed.asInt() : null,
                requestedGeneration(data.path("param")));
    }

    /** The generation named in the callBackUrl of the create request that recordInfo echoes in "param" (a JSON string). */
    static String requestedGeneration(JsonNode param) {
        try {
            JsonNode request = param.isTextual() ? JSON.readTree(param.asText()) : param;
            String url = request == null ? "" : request.path("callBackUrl").asText("");
            String query = java.net.URI.create(url).getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.startsWith(CALLBACK_GENERATION_PARAM + "=")) {
                        return pair.substring(CALLBACK_GENERATION_PARAM.length() + 1);
                    }
                }
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // no readable request copy: nothing can be adopted from it
        }
        return null;
    }

    /** Kie.ai's balance from chat/credit, or null when it cannot be read (the status answer goes on without it). */
    public BigDecimal credits(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        try {
            JsonNode root = JSON.readTree(answer);
            if (httpFailed(status) || root.path("code").asInt(0) != 200 || !root.path("data").isNumber()) {
                return null;
            }
            return root.path("data").decimalValue();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** resultJson is a JSON document inside a string: {"resultUrls":[...]}; some answers inline it. */
    static ArrayNode resultUrls(JsonNode resultJson) {
        JsonNode doc = resultJson;
        if (resultJson.isTextual() && !resultJson.asText().isBlank()) {
            try {
                doc = JSON.readTree(resultJson.asText());
            } catch (JsonProcessingException e) {
                doc = JSON.createObjectNode();
            }
        }
        ArrayNode urls = JSON.createArrayNode();
        JsonNode list = doc == null ? null : doc.path("resultUrls");
        if (list != null && list.isArray()) {
            list.forEach(url -> {
                if (url.isTextual() && !url.asText().isBlank()) {
                    urls.add(url.asText());
                }
            });
        }
        return urls;
    }

    private static JsonNode parse(String answer, Integer status) {
        try {
            JsonNode root = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
            if (root == null || !root.isObject()) {
                throw KieErrors.toApi(status == null ? 0 : status, 0, "unreadable answer", "?");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw KieErrors.toApi(status == null ? 502 : status, 0, "answer is not JSON", "?");
        }
    }

    private static boolean httpFailed(Integer status) {
        return status != null && (status < 200 || status >= 300);
    }

    private static String message(JsonNode root) {
        return root.hasNonNull("msg") ? root.get("msg").asText() : root.path("message").asText("");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
