package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds an HTTP answer against the OpenAPI document: the operation its method and path name must document its status,
 * its Content-Type must be one the document gives for that status, and a JSON body must validate against that
 * schema (JSON Schema 2020-12, as OpenAPI 3.1 uses; the components resolved). Answers given before any operation is
 * known (an unknown path 404, a wrong method 405, a request refused at the connection: 408, 414, 431) must be the
 * API's Error. Management endpoints (/observe/...) are not part of the API: their status only is checked. Nor is the
 * web page for people (routes/90-web.yaml: /, /web/..., and the 303 that sends a browser from an API path to it): its
 * files are checked by status, its refusals must be the API's Error.
 */
public final class ContractCheck {

    /** The committed copy the client is generated from; a test holds it equal to what the bundle serves. */
    public static final Path DOCUMENT = Path.of("src/test/resources/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<Integer> BEFORE_ANY_OPERATION = Set.of(400, 404, 405, 413, 415, 500, 503);
    private static final Set<Integer> AT_THE_CONNECTION = Set.of(408, 414, 431);
    /** The web page's own answers: a file, not modified, or a browser sent to the page. */
    private static final Set<Integer> WEB_PAGE_FILES = Set.of(200, 303, 304);

    /** One answer as the server wrote it (http/AnswerRecorder's line). */
    public record Answer(long at, String method, String uri, int status, String contentType, String body, boolean truncated) {
        public Answer(String method, String uri, int status, String contentType, String body, boolean truncated) {
            this(System.currentTimeMillis(), method, uri, status, contentType, body, truncated);
        }

        public static Answer of(JsonNode line) {
            return new Answer(line.path("at").asLong(), line.path("method").asText(), line.path("uri").asText(), line.path("status").asInt(),
                    line.path("contentType").isNull() ? null : line.path("contentType").asText(null),
                    line.path("body").isMissingNode() ? null : line.path("body").asText(), line.path("truncated").asBoolean());
        }

        String path() {
            int q = uri.indexOf('?');
            return q < 0 ? uri : uri.substring(0, q);
        }
    }

    private record Operation(String method, String template, Pattern path, JsonNode responses) {
    }

    /**
     * Answers a test provokes on purpose outside the contract, while it runs: an instance stopped in the middle of a
     * request (CrashWindowsTest), a code an engineer's own route step answers (the worked example). Each names why.
     */
    public static final class OffContract implements AutoCloseable {
        private static final List<OffContract> DECLARED = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final String why;
        private final java.util.function.Predicate<Answer> which;
        private final long from = System.currentTimeMillis();
        private volatile long to = Long.MAX_VALUE;

        private OffContract(String why, java.util.function.Predicate<Answer> which) {
            this.why = why;
            this.which = which;
        }

        /** From now until closed, answers {@code which} are allowed off the contract, for the reason given. */
        public static OffContract allow(String why, java.util.function.Predicate<Answer> which) {
            OffContract declared = new OffContract(why, which);
            DECLARED.add(declared);
            return declared;
        }

        /** Why this answer may be off the contract, or null. */
        static String excuse(Answer answer) {
            for (OffContract declared : DECLARED) {
                if (answer.at() >= declared.from && answer.at() <= declared.to && declared.which.test(answer)) {
                    return declared.why;
                }
            }
            return null;
        }

        @Override
        public void close() {
            to = System.currentTimeMillis();
        }
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchemaFactory schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    public ContractCheck(JsonNode document) {
        this.document = document;
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), Pattern.compile(regex),
                    op.getValue().path("responses")));
        }));
    }

    public static ContractCheck ofCommittedDocument() {
        try {
            return new ContractCheck(JSON.readTree(Files.readString(DOCUMENT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "POST /api/generate 402", or "(before any operation) 404", or "(management) 200": what the answer exercised. */
    public String pair(Answer answer) {
        if (answer.path().startsWith("/observe/")) {
            return "(management) " + answer.status();
        }
        if (webPage(answer)) {
            return "(web page) " + answer.status();
        }
        Operation op = operation(answer);
        return (op == null || AT_THE_CONNECTION.contains(answer.status()) ? "(before any operation)" : op.method + " " + op.template)
                + " " + answer.status();
    }

    /** Null when the answer is what the document says; otherwise what is wrong with it. */
    public String violation(Answer answer) {
        if (answer.path().startsWith("/observe/")) {
            return answer.status() == 200 || answer.status() == 503 ? null : "a management answer " + answer.status();
        }
        if (webPage(answer)) {
            return WEB_PAGE_FILES.contains(answer.status()) ? null
                    : jsonViolation(answer, "#/components/schemas/Error", schemaRef("Error"));
        }
        Operation op = operation(answer);
        if (op == null || AT_THE_CONNECTION.contains(answer.status())) {
            if (op == null && !BEFORE_ANY_OPERATION.contains(answer.status()) && !AT_THE_CONNECTION.contains(answer.status())) {
                return "no operation answers " + answer.method() + " " + answer.path() + ", yet it was answered " + answer.status();
            }
            return jsonViolation(answer, "#/components/schemas/Error", schemaRef("Error"));
        }
        JsonNode response = op.responses.get(String.valueOf(answer.status()));
        if (response == null) {
            return "status " + answer.status() + " is not documented for " + op.method + " " + op.template;
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return answer.body() == null || answer.body().isEmpty() ? null : "a body where the document says none";
        }
        String type = answer.contentType() == null ? "" : answer.contentType().split(";")[0].trim().toLowerCase(Locale.ROOT);
        for (Iterator<Map.Entry<String, JsonNode>> it = content.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> media = it.next();
            if (matches(media.getKey(), type)) {
                return type.contains("json") ? jsonViolation(answer, op.method + " " + op.template + " " + answer.status() + " " + media.getKey(),
                        media.getValue().path("schema")) : null;
            }
        }
        return "Content-Type " + answer.contentType() + " is not one of " + iterable(content.fieldNames());
    }

    private String jsonViolation(Answer answer, String key, JsonNode schema) {
        if (answer.truncated()) {
            return null; // over the recorder's cap: checked by status and Content-Type only
        }
        if (answer.contentType() == null || !answer.contentType().contains("json")) {
            return "Content-Type " + answer.contentType() + " where the document says JSON";
        }
        JsonNode body;
        try {
            body = JSON.readTree(answer.body() == null ? "" : answer.body());
        } catch (IOException e) {
            return "the body is not JSON: " + abbreviate(answer.body());
        }
        if (body == null || body.isMissingNode()) {
            return "an empty body where the document says JSON";
        }
        Set<ValidationMessage> messages = compiled.computeIfAbsent(key, k -> compile(schema)).validate(body);
        return messages.isEmpty() ? null : messages.stream().map(ValidationMessage::getMessage).sorted()
                .collect(Collectors.joining("; ")) + " in " + abbreviate(answer.body());
    }

    /** The schema as a document of its own, with the components its $refs point into. */
    private JsonSchema compile(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.get("components"));
        return schemas.getSchema(root);
    }

    private static boolean webPage(Answer answer) {
        String path = answer.path();
        return path.equals("/") || path.equals("/web") || path.startsWith("/web/")
                || (answer.status() == 303 && path.startsWith("/api/"));
    }

    private static JsonNode schemaRef(String name) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + name);
    }

    private Operation operation(Answer answer) {
        Operation templated = null;
        for (Operation op : operations) {
            if (op.method.equals(answer.method()) && op.path.matcher(answer.path()).matches()) {
                if (!op.template.contains("{")) {
                    return op; // a literal path wins over a template
                }
                templated = op;
            }
        }
        return templated;
    }

    private static boolean matches(String range, String type) {
        return range.equals(type) || range.endsWith("/*") && type.startsWith(range.substring(0, range.length() - 1));
    }

    private static String iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all.toString();
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
