package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Every combination of a model's enum and boolean options (URL options left out): what prices and checks range over. */
public final class OptionCombinations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionCombinations() {
    }

    public static List<ObjectNode> of(CatalogModel model) {
        List<ObjectNode> combinations = new ArrayList<>(List.of(JSON.createObjectNode()));
        for (OptionSpec option : model.options().values()) {
            List<JsonNode> choices = switch (option.kind()) {
                case ENUM -> option.values();
                case BOOLEAN -> List.of(BooleanNode.TRUE, BooleanNode.FALSE);
                case IMAGE_URLS -> List.of();
            };
            if (choices.isEmpty()) {
                continue;
            }
            List<ObjectNode> next = new ArrayList<>();
            for (ObjectNode partial : combinations) {
                for (JsonNode choice : choices) {
                    ObjectNode extended = partial.deepCopy();
                    extended.set(option.name(), choice);
                    next.add(extended);
                }
            }
            combinations = next;
        }
        return combinations;
    }
}
