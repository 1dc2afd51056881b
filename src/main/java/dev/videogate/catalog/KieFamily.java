package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One of Kie.ai's endpoint families, as the {@code families:} section of the catalog file declares it: where a task is
 * created and how its body is laid out, where its state is read and where each fact sits in the answer, how its states
 * map onto ours, and the extra calls some results need (Veo's 1080p file). Models name their family; the generic codec
 * ({@code dev.videogate.kie.FamilyCodec}) does the rest, so a new family is configuration, not code. Stored as
 * generation.kie_family.
 */
public record KieFamily(String id, String description, Create create, Status status, List<ExtraCall> extraCalls) {

    /** Our states, the ones a family's states map onto. */
    public static final Set<String> OUR_STATES = Set.of("pending", "processing", "completed", "failed");

    /**
     * The create call: POST {@code path} with a JSON body that has the Kie.ai model id at {@code modelField} (null: the
     * family takes none), our callBackUrl at {@code callbackField}, the prompt at {@code promptField}, and the model's
     * fields (its fixed input and the caller's options) merged into the object at {@code fieldsAt} ("" = the body).
     * Field places are dot paths in the request ({@code input.prompt}).
     *
     * @param oneImageUrl the family takes one image as a URL string, not a list (its image options have max 1)
     * @param taskId      where the answer names the new task
     */
    public record Create(String path, String modelField, String callbackField, String promptField, String fieldsAt,
                         boolean oneImageUrl, AnswerPath taskId) {
    }

    /**
     * The status read: GET {@code path}?{@code query} ({taskId} stands for the task id), and where the answer holds the
     * task id, Kie.ai's state, the result URLs (a list or one URL), the failure code and message, the credits used, and
     * Kie.ai's copy of our create request (it names the generation in our callBackUrl: adopting a task reads it).
     *
     * @param states      Kie.ai's state (as text) to ours; a state not listed is {@code otherState}
     */
    public record Status(String path, String query, AnswerPath taskId, AnswerPath state, Map<String, String> states,
                         String otherState, AnswerPath resultUrls, AnswerPath failCode, AnswerPath failMessage,
                         AnswerPath credits, AnswerPath request) {
    }

    /**
     * A call made after a status read says completed, when the generation's options match {@code when} (all of them,
     * like a price term): GET {@code path}?{@code query}; the URL at {@code resultUrl} goes first among the result URLs.
     * An answer without it means "not ready yet": the generation stays processing and is asked about again.
     */
    public record ExtraCall(String name, Map<String, String> when, String path, String query, AnswerPath resultUrl) {

        public boolean appliesTo(JsonNode options) {
            return when.entrySet().stream().allMatch(c -> options != null && options.hasNonNull(c.getKey())
                    && options.get(c.getKey()).asText().equals(c.getValue()));
        }
    }

    private static final Set<String> FAMILY_KEYS = Set.of("description", "create", "status", "extra-calls");
    private static final Set<String> CREATE_KEYS = Set.of("path", "model", "callback-url", "prompt", "fields", "image-urls", "task-id");
    private static final Set<String> STATUS_KEYS = Set.of("path", "query", "task-id", "state", "states", "other-states",
            "result-urls", "fail-code", "fail-message", "credits", "request");
    private static final Set<String> EXTRA_KEYS = Set.of("name", "when", "path", "query", "result-url");

    /** Reads one entry of the families section; a mistake is an IllegalArgumentException naming the field. */
    static KieFamily read(String id, JsonNode node) {
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,31}")) {
            throw new IllegalArgumentException("a family name is lower-case letters, digits, '_' or '-' (at most 32)");
        }
        keys(node, FAMILY_KEYS, "");
        JsonNode c = required(node, "create", "");
        keys(c, CREATE_KEYS, "create.");
        String imageUrls = text(c, "image-urls", "create.", false);
        if (imageUrls != null && !imageUrls.equals("list") && !imageUrls.equals("first")) {
            throw new IllegalArgumentException("create.image-urls must be list or first, not '" + imageUrls + "'");
        }
        String fields = text(c, "fields", "create.", true);
        Create create = new Create(endpoint(c, "create."), requestPlace(text(c, "model", "create.", false), "create.model"),
                requestPlace(text(c, "callback-url", "create.", true), "create.callback-url"),
                requestPlace(text(c, "prompt", "create.", true), "create.prompt"),
                fields.equals(".") ? "" : requestPlace(fields, "create.fields"), "first".equals(imageUrls),
                path(c, "task-id", "create.", true));

        JsonNode s = required(node, "status", "");
        keys(s, STATUS_KEYS, "status.");
        Map<String, String> states = new LinkedHashMap<>();
        JsonNode stateMap = required(s, "states", "status.");
        for (Iterator<Map.Entry<String, JsonNode>> it = stateMap.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            states.put(e.getKey(), ourState(e.getValue().asText(), "status.states." + e.getKey()));
        }
        if (!states.containsValue("completed") || !states.containsValue("failed")) {
            throw new IllegalArgumentException("status.states must map a state to completed and one to failed");
        }
        String other = text(s, "other-states", "status.", false);
        Status status = new Status(endpoint(s, "status."), query(s, "status."), path(s, "task-id", "status.", false),
                path(s, "state", "status.", true), states, other == null ? "pending" : ourState(other, "status.other-states"),
                path(s, "result-urls", "status.", true), path(s, "fail-code", "status.", false),
                path(s, "fail-message", "status.", false), path(s, "credits", "status.", false),
                path(s, "request", "status.", false));

        List<ExtraCall> extras = new ArrayList<>();
        int n = 0;
        for (JsonNode e : node.path("extra-calls")) {
            String where = "extra-calls[" + n++ + "].";
            keys(e, EXTRA_KEYS, where);
            Map<String, String> when = new LinkedHashMap<>();
            e.path("when").fields().forEachRemaining(w -> when.put(w.getKey(), w.getValue().asText()));
            extras.add(new ExtraCall(text(e, "name", where, true), when, endpoint(e, where), query(e, where),
                    path(e, "result-url", where, true)));
        }
        String description = text(node, "description", "", false);
        return new KieFamily(id, description == null ? id : description, create, status, List.copyOf(extras));
    }

    private static String endpoint(JsonNode node, String where) {
        String path = text(node, "path", where, true);
        if (!path.matches("/[A-Za-z0-9/_.-]{1,200}") || path.contains("..") || path.contains("//")) {
            throw new IllegalArgumentException(where + "path '" + path + "' must be a path under the Kie.ai API URL, such as /jobs/createTask");
        }
        return path;
    }

    private static String query(JsonNode node, String where) {
        String query = text(node, "query", where, true);
        if (!query.contains("{taskId}") || !query.matches("[A-Za-z0-9_.=&{}-]{1,200}")) {
            throw new IllegalArgumentException(where + "query '" + query + "' must hold {taskId}, such as taskId={taskId}");
        }
        return query;
    }

    private static String requestPlace(String place, String key) {
        if (place != null && !place.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            throw new IllegalArgumentException(key + " '" + place + "' must be a field of the request (names separated by '.')");
        }
        return place;
    }

    private static String ourState(String state, String key) {
        if (!OUR_STATES.contains(state)) {
            throw new IllegalArgumentException(key + " must be pending, processing, completed or failed, not '" + state + "'");
        }
        return state;
    }

    private static AnswerPath path(JsonNode node, String key, String where, boolean required) {
        String text = text(node, key, where, required);
        try {
            return text == null ? null : AnswerPath.of(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + key + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode value = node.get(key);
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(where + key + " is required (a map)");
        }
        return value;
    }

    private static void keys(JsonNode node, Set<String> allowed, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException((where.isEmpty() ? "the entry" : where) + " must be a map");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException("unknown key '" + where + key + "' (known: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String text(JsonNode node, String key, String where, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(where + key + " is required");
            }
            return null;
        }
        return value.asText().trim();
    }
}
