package dev.videogate.generation;

import dev.videogate.config.Settings;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The models we sell, read from configuration (app.models = a,b; app.models.<name>.kie-model, price-usd,
 * enabled) so an operator can point the public contract at whatever model Kie.ai serves, with no rebuild.
 */
public final class ModelCatalog {

    public record Model(String name, String kieModel, BigDecimal priceUsd, boolean enabled) {
    }

    private final Map<String, Model> models;

    public ModelCatalog(Map<String, Model> models) {
        this.models = Map.copyOf(models);
    }

    public static ModelCatalog fromSettings(Settings settings) {
        Map<String, Model> models = new LinkedHashMap<>();
        String list = settings.required("app.models");
        for (String name : Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            String prefix = "app.models." + name + ".";
            String kieModel = settings.required(prefix + "kie-model");
            BigDecimal price = parsePrice(prefix + "price-usd", settings.required(prefix + "price-usd"));
            boolean enabled = settings.flag(prefix + "enabled", true);
            models.put(name, new Model(name, kieModel, price, enabled));
        }
        if (models.isEmpty()) {
            throw new IllegalStateException("app.models: no model is configured");
        }
        return new ModelCatalog(models);
    }

    static BigDecimal parsePrice(String key, String text) {
        BigDecimal price;
        try {
            price = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + ": '" + text + "' is not a USD amount such as 3.50");
        }
        if (price.signum() <= 0) {
            throw new IllegalStateException(key + ": the price must be above zero, got " + text);
        }
        if (price.stripTrailingZeros().scale() > 6) {
            throw new IllegalStateException(key + ": USDC has 6 decimals, " + text + " has more");
        }
        return price;
    }

    public Optional<Model> find(String name) {
        return Optional.ofNullable(models.get(name));
    }

    public String names() {
        return String.join(", ", models.keySet());
    }
}
