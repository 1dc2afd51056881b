package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Every combination of a model's enum and boolean options (URL and text options left out): what prices and checks range over
 * (CatalogFile's price check at start, EveryCatalogOptionMeetsKieRulesTest).
 *
 * <p>An integer option (Seedance 2's duration 4-15, Grok Imagine's 6-30) takes part with a few values, not its whole
 * range: its ends, its default, and each value a price term's {@code when} names with its neighbours. Between those
 * a price is a base plus amounts per unit of the option (none negative), a straight line, so a price that is
 * positive at both ends is positive in between, and a whole number times an amount has no more decimals than the
 * amount. A 4-15 range thus adds 3 values, not 12, to every other option's choices.
 */
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
                case INTEGER -> integerChoices(option, model.price());
                case IMAGE_URLS, IMAGE_URL, TEXT -> List.of();
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

    /** The ends, the default, and every value a price term names (with the values next to it) of an integer option. */
    static List<JsonNode> integerChoices(OptionSpec option, PriceRule price) {
        TreeSet<Integer> picked = new TreeSet<>(List.of(option.min(), option.max()));
        if (option.fallback() != null) {
            picked.add(option.fallback().intValue());
        }
        for (PriceRule.Term term : price.terms()) {
            String named = term.when().get(option.name());
            if (named != null) {
                int value = Integer.parseInt(named);
                for (int v = value - 1; v <= value + 1; v++) {
                    if (v >= option.min() && v <= option.max()) {
                        picked.add(v);
                    }
                }
            }
        }
        List<JsonNode> choices = new ArrayList<>();
        picked.forEach(v -> choices.add(IntNode.valueOf(v)));
        return choices;
    }
}
