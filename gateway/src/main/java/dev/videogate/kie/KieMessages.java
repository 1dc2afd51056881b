package dev.videogate.kie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.UpstreamFailed;
import dev.videogate.catalog.KieFamily;
import dev.videogate.catalog.ModelAvailability;
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
    private final ModelAvailability availability;

    public KieMessages(String publicBaseUrl, ModelAvailability availability) {
        this.callbackUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/callback";
        this.availability = availability;
    }

    /**
     * The create request for one generation, in its family's shape: market {model, callBackUrl, input:{prompt, ...}},
     * veo {model, prompt, callBackUrl, ...}. The model's fields come from the catalog (Generation.kieInput). The
     * callBackUrl names the generation, so that a task whose create answer was lost can still be found when Kie.ai
     * calls back (Kie.ai's copy of the request, recordInfo's param, confirms it).
     */
    public String createTaskBody(@Variable("generation") Generation generation) {
        ObjectNode fields = (ObjectNode) readJson(generation.kieInput());
        ObjectNode body = JSON.createObjectNode();
        body.put("model", generation.kieModel());
        body.put("callBackUrl", callbackUrl + "?" + CALLBACK_GENERATION_PARAM + "=" + generation.generationId());
        if (KieFamily.VEO.id().equals(generation.family())) {
            body.put("prompt", generation.prompt());
            body.setAll(fields);
        } else {
            ObjectNode input = body.putObject("input");
            input.put("prompt", generation.prompt());
            input.setAll(fields);
        }
        return body.toString();
    }

    /** The Kie.ai path that creates a task of this generation's family. */
    public String createPath(@Variable("generation") Generation generation) {
        return KieFamily.VEO.id().equals(generation.family()) ? "/veo/generate" : "/jobs/createTask";
    }

    /** The task id from a createTask answer, or the caller-facing error Kie.ai's answer means. */
    public String taskId(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                         @Variable("generation") Generation generation) {
        JsonNode root = parse(answer, status);
        int code = root.path("code").asInt(0);
        if (httpFailed(status) || code != 200) {
            ApiException refused = KieErrors.toApi(status == null ? 0 : status, code, message(root), generation.model());
            if ("model_paused".equals(refused.code())) {
                availability.pausedByKie(generation.model()); // the next callers hear it before they pay
            }
            throw refused;
        }
        JsonNode data = root.path("data");
        String taskId = data.hasNonNull("taskId") ? data.get("taskId").asText() : data.path("task_id").asText("");
        if (taskId.isBlank()) {
            throw new UpstreamFailed("upstream_error", "Kie.ai accepted the task but sent no task id; nothing was charged");
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

    /**
     * A veo/record-info answer in our terms: successFlag 0 running, 1 success (URLs in response.resultUrls), 2 or 3
     * failed (errorCode, errorMessage); the request copy is in paramJson.
     */
    public TaskRecord veoRecord(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        JsonNode root = parse(answer, status);
        int code = root.path("code").asInt(0);
        if (httpFailed(status) || code != 200) {
            throw KieErrors.toApi(status == null ? 0 : status, code, message(root), "?");
        }
        JsonNode data = root.path("data");
        int flag = data.path("successFlag").asInt(0);
        String state = flag == 1 ? "completed" : flag == 2 || flag == 3 ? "failed" : "processing";
        ArrayNode urls = resultUrls(data.path("response"));
        return new TaskRecord(data.path("taskId").asText(null), "successFlag=" + flag, state, GenerationStates.isFinal(state),
                urls.toString(), flag >= 2 ? blankToNull(data.path("errorCode").asText("501")) : null,
                flag >= 2 ? coalesce(blankToNull(data.path("errorMessage").asText(null)), "Veo generation failed") : null,
                null, requestedGeneration(data.path("paramJson")));
    }

    /**
     * A Veo success at 1080p: the 1080p URL from veo/get-1080p-video goes first. Kie.ai answers code 400 until it is
     * ready; then the generation stays processing and the poller asks again.
     */
    public TaskRecord with1080p(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                                @Variable("record") TaskRecord record) {
        JsonNode root;
        try {
            root = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            root = null;
        }
        String url = root == null || httpFailed(status) || root.path("code").asInt(0) != 200 ? ""
                : root.path("data").path("resultUrl").asText("");
        if (url.isBlank()) {
            return new TaskRecord(record.kieTaskId(), record.kieState() + ", 1080p not ready", "processing", false, "[]",
                    null, null, null, record.requestedFor());
        }
        ArrayNode urls = JSON.createArrayNode().add(url);
        readJson(record.resultUrls()).forEach(urls::add);
        return new TaskRecord(record.kieTaskId(), record.kieState(), record.state(), record.finished(), urls.toString(),
                record.failCode(), record.failMsg(), record.creditsConsumed(), record.requestedFor());
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

    private static String coalesce(String a, String b) {
        return a != null ? a : b;
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
