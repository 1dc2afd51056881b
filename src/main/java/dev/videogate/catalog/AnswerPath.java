package dev.videogate.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a value sits in a Kie.ai answer, as a family declares it: field names separated by '.', and '>' where the
 * value found so far is a JSON document inside a string, to be read and entered ({@code data.resultJson>resultUrls}:
 * market's resultJson). A '>' step on a value that is already an object goes on inside it. Missing steps give a
 * missing node, never an error: what an answer lacks is the codec's to judge.
 */
public final class AnswerPath {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final List<String> steps;

    private AnswerPath(String text, List<String> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    /** Reads a path such as {@code data.resultJson>resultUrls}; refuses empty steps and characters outside names. */
    public static AnswerPath of(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an answer path is field names separated by '.' (and '>' to read a JSON string)");
        }
        List<String> steps = new ArrayList<>();
        StringBuilder name = new StringBuilder();
        for (char c : text.trim().toCharArray()) {
            if (c == '.' || c == '>') {
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("'" + text + "' has an empty step");
                }
                steps.add(name.toString());
                name.setLength(0);
                if (c == '>') {
                    steps.add(">");
                }
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                name.append(c);
            } else {
                throw new IllegalArgumentException("'" + text + "': '" + c + "' is not allowed in an answer path");
            }
        }
        if (!name.isEmpty()) {
            steps.add(name.toString());
        } else if (!steps.get(steps.size() - 1).equals(">")) {
            throw new IllegalArgumentException("'" + text + "' ends with an empty step");
        }
        return new AnswerPath(text.trim(), steps);
    }

    /** The value at this path in {@code root}, or a missing node. */
    public JsonNode read(JsonNode root) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (String step : steps) {
            if (step.equals(">")) {
                node = parsed(node);
            } else {
                node = node.path(step);
            }
        }
        return node;
    }

    /** The last field name (what a number found there is called in kie_state, e.g. successFlag). */
    public String lastName() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (!steps.get(i).equals(">")) {
                return steps.get(i);
            }
        }
        return text;
    }

    private static JsonNode parsed(JsonNode node) {
        if (node.isTextual() && !node.asText().isBlank()) {
            try {
                JsonNode doc = JSON.readTree(node.asText());
                return doc == null ? MissingNode.getInstance() : doc;
            } catch (JsonProcessingException e) {
                return MissingNode.getInstance();
            }
        }
        return node.isContainerNode() ? node : MissingNode.getInstance();
    }

    @Override
    public String toString() {
        return text;
    }
}
