package dev.videogate.kie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.UpstreamFailed;
import dev.videogate.catalog.ModelAvailability;
import dev.videogate.catalog.ModelCatalog;
import dev.videogate.generation.Generation;
import dev.videogate.generation.ModelAlternatives;
import java.math.BigDecimal;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * Kie.ai's JSON, both ways, for every endpoint family the catalog file declares: the create request and the answers
 * of create, status reads, extra calls and chat/credit. Kie.ai's envelope ({code, msg|message, data}) is checked here;
 * where each family puts things is {@link FamilyCodec}'s, read from the family's declaration.
 */
public class KieMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The query parameter of our callBackUrl that names the generation a task was created for. */
    public static final String CALLBACK_GENERATION_PARAM = FamilyCodec.CALLBACK_GENERATION_PARAM;

    private final String callbackUrl;
    private final ModelAvailability availability;
    private final ModelCatalog catalog;

    public KieMessages(String publicBaseUrl, ModelAvailability availability, ModelCatalog catalog) {
        this.callbackUrl = publicBaseUrl.replaceAll("/+$", "") + "/api/callback";
        this.availability = availability;
        this.catalog = catalog;
    }

    /**
     * The create request for one generation, in its family's shape. The model's fields come from the catalog
     * (Generation.kieInput). The callBackUrl names the generation, so that a task whose create answer was lost can
     * still be found when Kie.ai calls back (Kie.ai's copy of the request, in the status answer, confirms it).
     */
    public String createTaskBody(@Variable("generation") Generation generation) {
        ObjectNode fields = (ObjectNode) readJson(generation.kieInput());
        return FamilyCodec.createBody(catalog.family(generation.family()), generation.kieModel(), generation.prompt(), fields,
                callbackUrl + "?" + CALLBACK_GENERATION_PARAM + "=" + generation.generationId()).toString();
    }

    /** The Kie.ai path that creates a task of this generation's family. */
    public String createPath(@Variable("generation") Generation generation) {
        return catalog.family(generation.family()).create().path();
    }

    /**
     * Did Kie.ai answer this create with its rate limit (429, in the HTTP status or the body's code)? Then no task was
     * made and the generation is queued, not refused (variable createRateLimited; routes/10-generate.yaml).
     */
    public boolean rateLimited(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) {
        if (status != null && status == 429) {
            return true;
        }
        try {
            return answer != null && !answer.isBlank() && JSON.readTree(answer).path("code").asInt(0) == 429;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The task id from a create answer, or the caller-facing error Kie.ai's answer means. */
    public String taskId(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                         @Variable("generation") Generation generation) {
        JsonNode root = parse(answer, status);
        int code = root.path("code").asInt(0);
        if (httpFailed(status) || code != 200) {
            ApiException refused = KieErrors.toApi(status == null ? 0 : status, code, message(root), generation.model());
            if ("model_paused".equals(refused.code())) {
                availability.pausedByKie(generation.model()); // the next callers hear it before they pay
                throw new ModelAlternatives(catalog, availability).withAlternatives(refused, generation.model()); // as they will
            }
            throw refused;
        }
        String taskId = FamilyCodec.taskId(catalog.family(generation.family()), root);
        if (taskId.isBlank()) {
            throw new UpstreamFailed("upstream_error", "Kie.ai accepted the task but sent no task id; nothing was charged");
        }
        return taskId;
    }

    /** The status read of task kieTaskId on its family's endpoint (variable kieRead). */
    public KieCall statusCall(@Variable("kieFamily") String family, @Variable("kieTaskId") String kieTaskId) {
        return FamilyCodec.statusCall(catalog.family(family), kieTaskId);
    }

    /** A status answer of the task's family in our terms. */
    public TaskRecord record(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                             @Variable("kieFamily") String family) {
        JsonNode root = parse(answer, status);
        int code = root.path("code").asInt(0);
        if (httpFailed(status) || code != 200) {
            throw KieErrors.toApi(status == null ? 0 : status, code, message(root), "?");
        }
        return FamilyCodec.record(catalog.family(family), root);
    }

    /**
     * The extra calls the family declares for this record (variable extraCalls): after a completed read, those whose
     * condition the generation's options (variable generationOptions, JSON) meet; usually none.
     */
    public List<KieCall> extraCalls(@Variable("record") TaskRecord record, @Variable("kieFamily") String family,
                                    @Variable("generationOptions") String options, @Variable("kieTaskId") String kieTaskId) {
        JsonNode given;
        try {
            given = options == null || options.isBlank() ? null : JSON.readTree(options);
        } catch (JsonProcessingException e) {
            given = null;
        }
        return FamilyCodec.extraCalls(catalog.family(family), record, given, kieTaskId);
    }

    /** Extra call number {@code index} of variable extraCalls (the loop's index). */
    public KieCall extraCall(@Variable("extraCalls") List<KieCall> calls, @ExchangeProperty(Exchange.LOOP_INDEX) Integer index) {
        return calls.get(index == null ? 0 : index);
    }

    /**
     * The record after an extra call's answer: its URL goes first. Kie.ai answers an error (Veo 1080p: code 400) until
     * the file is ready; then the generation stays processing and the poller asks again.
     */
    public TaskRecord withExtra(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status,
                                @Variable("record") TaskRecord record, @Variable("kieRead") KieCall call) {
        JsonNode root;
        try {
            root = answer == null || answer.isBlank() ? null : JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            root = null;
        }
        boolean answered = root != null && !httpFailed(status) && root.path("code").asInt(0) == 200;
        return FamilyCodec.withExtra(call, answered ? root : null, record);
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

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
