package dev.videogate.kie;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.logging.SecretMask;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.AnswerPath;
import dev.videogate.catalog.KieFamily;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic side of Kie.ai's endpoint families: builds a family's create body from its declaration, reads its
 * answers into a {@link TaskRecord}, and says which extra calls a result needs. No family is named here: what differs
 * between families is in the catalog file's {@code families} section. Kie.ai's envelope ({@code code}, {@code msg},
 * {@code data}) is the same for all and is checked by {@link KieMessages} before these run.
 */
public final class FamilyCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The query parameter of our callBackUrl that names the generation a task was created for. */
    static final String CALLBACK_GENERATION_PARAM = "generation";

    private FamilyCodec() {
    }

    /**
     * The create request: the model's fields merged at create.fields, then the prompt, the model id (when the family
     * takes one) and our callBackUrl at their places, which win over a catalog field of the same name.
     */
    public static ObjectNode createBody(KieFamily family, String kieModel, String prompt, ObjectNode fields, String callbackUrl) {
        KieFamily.Create create = family.create();
        ObjectNode body = JSON.createObjectNode();
        objectAt(body, create.fieldsAt()).setAll(fields);
        put(body, create.promptField(), prompt);
        if (create.modelField() != null) {
            put(body, create.modelField(), kieModel);
        }
        put(body, create.callbackField(), callbackUrl);
        return body;
    }

    /** The new task's id from a create answer (already known to be a success), or "" when it has none. */
    public static String taskId(KieFamily family, JsonNode answer) {
        JsonNode id = family.create().taskId().read(answer);
        return id.isValueNode() ? id.asText("").trim() : "";
    }

    /** The family's status read of one task. */
    public static KieCall statusCall(KieFamily family, String taskId) {
        KieFamily.Status status = family.status();
        return new KieCall("status", status.path(), withTaskId(status.query(), taskId), null);
    }

    /** A status answer (already known to be a success) in our terms. */
    public static TaskRecord record(KieFamily family, JsonNode answer) {
        KieFamily.Status s = family.status();
        JsonNode stateNode = s.state().read(answer);
        String kieState = stateNode.isValueNode() ? stateNode.asText("") : "";
        String state = s.states().getOrDefault(kieState, s.otherState());
        boolean failed = "failed".equals(state);
        String shownState = stateNode.isNumber() ? s.state().lastName() + "=" + kieState : kieState;
        return new TaskRecord(text(s.taskId(), answer), shownState, state, "completed".equals(state) || failed,
                urls(s.resultUrls().read(answer)).toString(), failed ? text(s.failCode(), answer) : null,
                failed ? masked(text(s.failMessage(), answer)) : null, credits(s.credits(), answer),
                s.request() == null ? null : requestedGeneration(s.request().read(answer)));
    }

    /** Kie.ai's failure message as it is kept and shown to the payer: a secret it echoes (our API key) is masked. */
    private static String masked(String failMessage) {
        return failMessage == null ? null : SecretMask.apply(failMessage);
    }

    /** The extra calls a record needs: after a completed status read, those whose options condition holds. */
    public static List<KieCall> extraCalls(KieFamily family, TaskRecord record, JsonNode options, String taskId) {
        List<KieCall> calls = new ArrayList<>();
        if (record != null && "completed".equals(record.state())) {
            for (KieFamily.ExtraCall extra : family.extraCalls()) {
                if (extra.appliesTo(options)) {
                    calls.add(new KieCall(extra.name(), extra.path(), withTaskId(extra.query(), taskId), extra.resultUrl()));
                }
            }
        }
        return calls;
    }

    /**
     * The record after one extra call: its URL first among the result URLs; with no URL in the answer (null answer,
     * error, not ready) the generation is still processing, and the poller asks again later.
     */
    public static TaskRecord withExtra(KieCall call, JsonNode answer, TaskRecord record) {
        JsonNode found = answer == null ? null : call.resultUrl().read(answer);
        String url = found != null && found.isTextual() ? found.asText().trim() : "";
        if (url.isEmpty()) {
            return new TaskRecord(record.kieTaskId(), record.kieState() + ", " + call.name() + " not ready", "processing", false,
                    "[]", null, null, null, record.requestedFor());
        }
        ArrayNode urls = JSON.createArrayNode().add(url);
        try {
            JSON.readTree(record.resultUrls()).forEach(u -> {
                if (!u.asText().equals(url)) {
                    urls.add(u);
                }
            });
        } catch (JsonProcessingException e) {
            // the record's own list is ours and always JSON; nothing to keep if it were not
        }
        return new TaskRecord(record.kieTaskId(), record.kieState(), record.state(), record.finished(), urls.toString(),
                record.failCode(), record.failMsg(), record.creditsConsumed(), record.requestedFor());
    }

    /** The generation named in the callBackUrl of Kie.ai's copy of our create request (an object, or JSON in a string). */
    static String requestedGeneration(JsonNode request) {
        try {
            JsonNode copy = request.isTextual() ? JSON.readTree(request.asText()) : request;
            String url = copy == null ? "" : copy.path("callBackUrl").asText("");
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

    /** Result URLs: a list of them, or one URL; blanks and non-text are left out. */
    static ArrayNode urls(JsonNode found) {
        ArrayNode urls = JSON.createArrayNode();
        if (found.isArray()) {
            found.forEach(url -> {
                if (url.isTextual() && !url.asText().isBlank()) {
                    urls.add(url.asText());
                }
            });
        } else if (found.isTextual() && !found.asText().isBlank()) {
            urls.add(found.asText());
        }
        return urls;
    }

    private static Integer credits(AnswerPath path, JsonNode answer) {
        JsonNode consumed = path == null ? null : path.read(answer);
        if (consumed != null && (consumed.isNumber() || consumed.isTextual() && consumed.asText().trim().matches("\\d+"))) {
            return consumed.asInt();
        }
        return null;
    }

    private static String text(AnswerPath path, JsonNode answer) {
        JsonNode value = path == null ? null : path.read(answer);
        return value == null || !value.isValueNode() || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static String withTaskId(String query, String taskId) {
        return query.replace("{taskId}", URLEncoder.encode(taskId == null ? "" : taskId, StandardCharsets.UTF_8));
    }

    private static ObjectNode objectAt(ObjectNode body, String place) {
        ObjectNode node = body;
        if (place != null && !place.isEmpty()) {
            for (String name : place.split("\\.")) {
                node = node.get(name) instanceof ObjectNode inner ? inner : node.putObject(name);
            }
        }
        return node;
    }

    private static void put(ObjectNode body, String place, String value) {
        int dot = place.lastIndexOf('.');
        objectAt(body, dot < 0 ? "" : place.substring(0, dot)).put(place.substring(dot + 1), value);
    }
}
