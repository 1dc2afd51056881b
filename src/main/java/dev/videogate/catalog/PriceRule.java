package dev.videogate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A model's price for exactly what was asked: a base plus every term whose conditions the request meets. A term adds
 * a fixed amount, or an amount per unit of a numeric option (e.g. per second of duration). Exact decimals throughout
 * (USDC has 6), so the 402 challenge, the paid amount and the answer's breakdown always agree.
 */
public record PriceRule(BigDecimal baseUsd, List<Term> terms) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param when       option name -> value (as text) that must all match
     * @param addUsd     fixed amount, or null
     * @param per        numeric option multiplied by usdPerUnit, or null
     * @param usdPerUnit amount per unit of {@code per}, or null
     */
    public record Term(Map<String, String> when, BigDecimal addUsd, String per, BigDecimal usdPerUnit) {

        public Term {
            when = Map.copyOf(when);
        }

        boolean applies(ObjectNode options) {
            return when.entrySet().stream().allMatch(c -> options.has(c.getKey()) && options.get(c.getKey()).asText().equals(c.getValue()));
        }

        BigDecimal amount(ObjectNode options) {
            return per == null ? addUsd : usdPerUnit.multiply(new BigDecimal(options.get(per).asText()));
        }

        String label(ObjectNode options) {
            StringBuilder label = new StringBuilder();
            when.forEach((name, value) -> label.append(label.isEmpty() ? "" : ", ").append(name).append('=').append(value));
            if (per != null) {
                label.append(label.isEmpty() ? "" : ", ").append(per).append('=').append(options.get(per).asText())
                        .append(" x ").append(usdPerUnit.toPlainString());
            }
            return label.toString();
        }
    }

    /** A price and how it was made. */
    public record Quote(BigDecimal totalUsd, ArrayNode breakdown) {
    }

    public PriceRule {
        terms = List.copyOf(terms);
    }

    /** The price of a request whose options (defaults filled in) are given. */
    public Quote quote(ObjectNode options) {
        ArrayNode breakdown = JSON.createArrayNode();
        BigDecimal total = baseUsd;
        breakdown.addObject().put("item", "base").put("usd", baseUsd.toPlainString());
        for (Term term : terms) {
            if (term.applies(options)) {
                BigDecimal amount = term.amount(options);
                total = total.add(amount);
                breakdown.addObject().put("item", term.label(options)).put("usd", amount.toPlainString());
            }
        }
        return new Quote(total, breakdown);
    }

    /** The rule as GET /api/models shows it. */
    public JsonNode describe() {
        ObjectNode rule = JSON.createObjectNode();
        rule.put("baseUsd", baseUsd.toPlainString());
        ArrayNode list = rule.putArray("terms");
        for (Term term : terms) {
            ObjectNode t = list.addObject();
            t.set("when", JSON.valueToTree(term.when()));
            if (term.per() == null) {
                t.put("addUsd", term.addUsd().toPlainString());
            } else {
                t.put("per", term.per());
                t.put("usdPerUnit", term.usdPerUnit().toPlainString());
            }
        }
        return rule;
    }
}
