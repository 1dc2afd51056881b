package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads models.yaml into {@link KieFamily}s (section {@code families}: Kie.ai's endpoint families) and
 * {@link CatalogModel}s (section {@code models}), and refuses anything it cannot sell correctly, naming the entry and
 * the field: unknown keys, a family a model names but the file does not declare, defaults outside the allowed values
 * (or an integer option's range),
 * price terms about options or values that do not exist, and any option combination whose price is not positive or
 * has more than USDC's 6 decimals.
 */
public final class CatalogFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MODEL_KEYS = Set.of("description", "family", "kie-model", "live", "enabled", "prompt",
            "options", "input", "price");
    private static final Set<String> OPTION_KEYS = Set.of("type", "values", "default", "required", "min", "max", "kie", "needs");
    private static final Set<String> TERM_KEYS = Set.of("when", "add-usd", "per", "usd-per-unit");

    private CatalogFile() {
    }

    /** What the file declares: the endpoint families, and the models sold through them. */
    public record Contents(Map<String, KieFamily> families, Map<String, CatalogModel> models) {
    }

    /**
     * @param overrides a setting by key (app.models.&lt;name&gt;.enabled / price-usd / kie-model), or null when unset
     */
    public static Map<String, CatalogModel> read(Path file, Function<String, String> overrides) {
        return readAll(file, overrides).models();
    }

    /** The families and the models of the file. */
    public static Contents readAll(Path file, Function<String, String> overrides) {
        Object yaml;
        try {
            yaml = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromString(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("models catalog " + file + " cannot be read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("models catalog " + file + " is not valid YAML: " + e.getMessage(), e);
        }
        JsonNode root = JSON.valueToTree(yaml);
        Map<String, KieFamily> families = families(file, root == null ? null : root.get("families"));
        JsonNode models = root == null ? null : root.get("models");
        if (models == null || !models.isObject() || models.isEmpty()) {
            throw new IllegalStateException("models catalog " + file + ": no 'models' map");
        }
        Map<String, CatalogModel> catalog = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = models.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = "models catalog " + file.getFileName() + ", model '" + entry.getKey() + "'";
            try {
                catalog.put(entry.getKey(), model(entry.getKey(), entry.getValue(), overrides, families));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ": " + e.getMessage(), e);
            }
        }
        return new Contents(java.util.Collections.unmodifiableMap(families), java.util.Collections.unmodifiableMap(catalog));
    }

    private static Map<String, KieFamily> families(Path file, JsonNode section) {
        if (section == null || !section.isObject() || section.isEmpty()) {
            throw new IllegalStateException("models catalog " + file + ": no 'families' map (the Kie.ai endpoint families its models use: copy the section from the shipped models.yaml, see docs/models.md)");
        }
        Map<String, KieFamily> families = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            try {
                families.put(entry.getKey(), KieFamily.read(entry.getKey(), entry.getValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("models catalog " + file.getFileName() + ", family '" + entry.getKey() + "': "
                        + e.getMessage(), e);
            }
        }
        return families;
    }

    private static CatalogModel model(String name, JsonNode node, Function<String, String> overrides, Map<String, KieFamily> families) {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a model name is lower-case letters, digits, '.', '_' or '-'");
        }
        onlyKeys(node, MODEL_KEYS, "");
        String prefix = "app.models." + name + ".";
        String familyName = text(node, "family", false) == null ? "market" : text(node, "family", false);
        KieFamily family = families.get(familyName);
        if (family == null) {
            throw new IllegalArgumentException("family '" + familyName + "' is not declared in the families section (declared: "
                    + String.join(", ", families.keySet()) + ")");
        }
        // a family that sends no model id (runway) needs none; the row still says which API made the video
        String kieModel = firstSet(overrides.apply(prefix + "kie-model"), text(node, "kie-model", family.create().modelField() != null));
        if (kieModel == null) {
            kieModel = family.id();
        }
        boolean enabled = overrides.apply(prefix + "enabled") != null
                ? Boolean.parseBoolean(overrides.apply(prefix + "enabled").trim()) : flag(node, "enabled", true);
        JsonNode prompt = node.path("prompt");
        int promptMin = prompt.path("min-length").asInt(1);
        int promptMax = prompt.path("max-length").asInt(10_000);
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.path("options").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> option = it.next();
            OptionSpec spec = option(option.getKey(), option.getValue());
            if (family.create().oneImageUrl() && spec.kind() == OptionSpec.Kind.IMAGE_URLS && spec.max() > 1) {
                throw new IllegalArgumentException("option '" + spec.name() + "': family " + family.id() + " takes one image URL (max: 1)");
            }
            options.put(option.getKey(), spec);
        }
        for (OptionSpec spec : options.values()) {
            if (spec.needs() != null && (!options.containsKey(spec.needs()) || spec.needs().equals(spec.name()))) {
                throw new IllegalArgumentException("option '" + spec.name() + "': needs '" + spec.needs() + "', which is not another option of this model");
            }
        }
        ObjectNode input = node.path("input").isObject() ? (ObjectNode) node.get("input").deepCopy() : JSON.createObjectNode();
        PriceRule price = price(node.path("price"), options, overrides.apply(prefix + "price-usd"));
        CatalogModel model = new CatalogModel(name, text(node, "description", false) == null ? name : text(node, "description", false),
                family, kieModel, flag(node, "live", true), enabled, promptMin, promptMax, options, input, price);
        checkEveryPrice(model);
        return model;
    }

    private static OptionSpec option(String name, JsonNode node) {
        String where = "option '" + name + "': ";
        try {
            onlyKeys(node, OPTION_KEYS, where);
            List<JsonNode> values = new ArrayList<>();
            node.path("values").forEach(values::add);
            OptionSpec.Kind kind = OptionSpec.Kind.of(node.hasNonNull("type") ? node.get("type").asText() : values.isEmpty() ? "" : "enum");
            if (kind == OptionSpec.Kind.ENUM && values.isEmpty()) {
                throw new IllegalArgumentException("an enum lists its values");
            }
            JsonNode fallback = node.get("default");
            OptionSpec spec = new OptionSpec(name, kind, values, fallback == null || fallback.isNull() ? null : fallback,
                    node.path("required").asBoolean(false), node.path("min").asInt(0), node.path("max").asInt(1),
                    node.hasNonNull("kie") ? node.get("kie").asText() : name, node.hasNonNull("needs") ? node.get("needs").asText() : null);
            if (kind == OptionSpec.Kind.IMAGE_URLS && (spec.min() < 0 || spec.max() < Math.max(1, spec.min()) || spec.max() > 10)) {
                throw new IllegalArgumentException("image-urls needs 0 <= min <= max <= 10");
            }
            if (kind == OptionSpec.Kind.INTEGER && (!node.path("min").canConvertToInt() || !node.path("max").canConvertToInt()
                    || !node.path("min").isIntegralNumber() || !node.path("max").isIntegralNumber()
                    || spec.min() > spec.max() || !values.isEmpty())) {
                throw new IllegalArgumentException("an integer option names its range as whole numbers min <= max (and no values)");
            }
            if (kind == OptionSpec.Kind.TEXT && (!node.path("max").isIntegralNumber() || spec.min() < 0 || spec.max() < Math.max(1, spec.min())
                    || !values.isEmpty())) {
                throw new IllegalArgumentException("a text option names its most characters (max >= 1, min <= max, no values)");
            }
            if (spec.fallback() != null && !spec.accepts(spec.fallback())) {
                throw new IllegalArgumentException("default " + spec.fallback() + " is not " + (kind == OptionSpec.Kind.ENUM ? "one of " : "")
                        + spec.describeValues());
            }
            return spec;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static PriceRule price(JsonNode node, Map<String, OptionSpec> options, String baseOverride) {
        onlyKeys(node, Set.of("base-usd", "terms"), "price: ");
        BigDecimal base = usd(firstSet(baseOverride, text(node, "base-usd", true)), "price.base-usd");
        List<PriceRule.Term> terms = new ArrayList<>();
        int n = 0;
        for (JsonNode term : node.path("terms")) {
            String where = "price.terms[" + n++ + "]: ";
            onlyKeys(term, TERM_KEYS, where);
            Map<String, String> when = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = term.path("when").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                OptionSpec option = options.get(c.getKey());
                if (option == null || option.kind() == OptionSpec.Kind.IMAGE_URLS || option.kind() == OptionSpec.Kind.IMAGE_URL
                        || option.kind() == OptionSpec.Kind.TEXT || !option.accepts(c.getValue())) {
                    throw new IllegalArgumentException(where + "'" + c.getKey() + "' = " + c.getValue() + " is not an option value of this model");
                }
                when.put(c.getKey(), c.getValue().asText());
            }
            String per = term.hasNonNull("per") ? term.get("per").asText() : null;
            if (per != null) {
                OptionSpec option = options.get(per);
                boolean numeric = option != null && (option.kind() == OptionSpec.Kind.INTEGER && option.min() >= 0
                        || option.kind() == OptionSpec.Kind.ENUM && option.values().stream().allMatch(v -> v.asText().matches("\\d+(\\.\\d+)?")));
                if (!numeric || option.fallback() == null) {
                    throw new IllegalArgumentException(where + "per '" + per + "' must be an integer option (min >= 0) or an enum option with "
                            + "numeric values, with a default");
                }
                terms.add(new PriceRule.Term(when, null, per, usd(text(term, "usd-per-unit", true), where + "usd-per-unit")));
            } else {
                terms.add(new PriceRule.Term(when, usd(text(term, "add-usd", true), where + "add-usd"), null, null));
            }
        }
        return new PriceRule(base, terms);
    }

    /**
     * Every combination of enum and boolean options (integer options at the values OptionCombinations picks) must have
     * a positive price with at most 6 decimals.
     */
    private static void checkEveryPrice(CatalogModel model) {
        for (ObjectNode combination : OptionCombinations.of(model)) {
            BigDecimal total = model.price().quote(combination).totalUsd();
            if (total.signum() <= 0 || total.stripTrailingZeros().scale() > 6) {
                throw new IllegalArgumentException("the price of " + combination + " is " + total.toPlainString()
                        + " (it must be above zero, in at most 6 decimals)");
            }
        }
    }

    private static BigDecimal usd(String text, String key) {
        try {
            BigDecimal amount = new BigDecimal(text.trim());
            if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 6) {
                throw new IllegalArgumentException(key + " must be a USD amount of at least 0 with at most 6 decimals, got " + text);
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a USD amount such as 3.50");
        }
    }

    private static void onlyKeys(JsonNode node, Set<String> allowed, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + "must be a map");
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!allowed.contains(key)) {
                throw new IllegalArgumentException(where + "unknown key '" + key + "' (known: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private static String text(JsonNode node, String key, boolean required) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(key + " is required");
            }
            return null;
        }
        return value.asText().trim();
    }

    private static boolean flag(JsonNode node, String key, boolean fallback) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? fallback : value.asBoolean(fallback);
    }

    private static String firstSet(String override, String value) {
        return override != null && !override.isBlank() ? override.trim() : value;
    }
}
