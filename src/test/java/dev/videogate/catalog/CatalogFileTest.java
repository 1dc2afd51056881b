package dev.videogate.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** models.yaml as the operator writes it: prices per request, and every mistake refused with the entry named. */
class CatalogFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One family, as a catalog file in a test declares it (the shipped file declares market, veo and runway). */
    static final String MARKET_FAMILY = """
            families:
              market:
                create: {path: /jobs/createTask, model: model, callback-url: callBackUrl, prompt: input.prompt, fields: input, task-id: data.taskId}
                status:
                  path: /jobs/recordInfo
                  query: "taskId={taskId}"
                  state: data.state
                  states: {waiting: pending, generating: processing, success: completed, fail: failed}
                  result-urls: data.resultJson>resultUrls
            """;

    @TempDir
    Path dir;

    @Test
    void theShippedCatalogPricesWhatIsAsked() {
        Map<String, CatalogModel> models = CatalogFile.read(Path.of("models.yaml"), key -> null);
        CatalogModel kling = models.get("kling-2.6");
        BigDecimal shortSilent = kling.price().quote(options("duration", "5", "sound", false, "aspect_ratio", "16:9")).totalUsd();
        PriceRule.Quote longLoud = kling.price().quote(options("duration", "10", "sound", true, "aspect_ratio", "16:9"));
        assertEquals(new BigDecimal("0.60"), shortSilent);
        assertEquals(new BigDecimal("2.40"), longLoud.totalUsd());
        BigDecimal sum = BigDecimal.ZERO;
        for (var item : longLoud.breakdown()) {
            sum = sum.add(new BigDecimal(item.get("usd").asText()));
        }
        assertEquals(longLoud.totalUsd(), sum, "the breakdown adds up: " + longLoud.breakdown());

        CatalogModel seedance = models.get("seedance-1.5-pro");
        assertEquals(new BigDecimal("1.92"), seedance.price().quote(options("resolution", "1080p", "duration", "12",
                "generate_audio", true)).totalUsd().stripTrailingZeros().setScale(2), "12 s x (0.08 + 0.08 audio)");
        assertEquals(new BigDecimal("3.50"), models.get("sora-2").price().quote(options("n_frames", "15")).totalUsd(), "the seed's flat price");
    }

    @Test
    void integerTextAndSingleUrlOptions() throws Exception {
        Path file = dir.resolve("int.yaml");
        Files.writeString(file, MARKET_FAMILY + """
                models:
                  m1:
                    kie-model: x
                    options:
                      duration: {type: integer, min: 4, max: 15, default: 5}
                      hd: {type: boolean, default: false}
                      negative_prompt: {type: text, max: 20}
                      first_frame_url: {type: image-url}
                      last_frame_url: {type: image-url, needs: first_frame_url}
                    price:
                      base-usd: "0.00"
                      terms:
                        - {per: duration, usd-per-unit: "0.41"}
                        - {when: {duration: 10}, add-usd: "0.05"}
                """);
        CatalogModel m1 = CatalogFile.read(file, key -> null).get("m1");
        OptionSpec duration = m1.options().get("duration");
        assertTrue(duration.accepts(JSON.getNodeFactory().numberNode(4)) && duration.accepts(JSON.getNodeFactory().numberNode(15)));
        for (var bad : java.util.List.of(JSON.getNodeFactory().numberNode(3), JSON.getNodeFactory().numberNode(16),
                JSON.getNodeFactory().textNode("5"), JSON.getNodeFactory().numberNode(5.0), JSON.getNodeFactory().numberNode(1L << 40))) {
            assertTrue(!duration.accepts(bad), "refuses " + bad);
        }
        assertEquals("a whole number from 4 to 15", duration.describeValues());
        OptionSpec negative = m1.options().get("negative_prompt");
        assertTrue(negative.accepts(JSON.getNodeFactory().textNode("blur")));
        assertTrue(!negative.accepts(JSON.getNodeFactory().textNode("x".repeat(21))) && !negative.accepts(JSON.getNodeFactory().textNode(" ")));
        assertEquals("first_frame_url", m1.options().get("last_frame_url").needs());
        assertEquals(new BigDecimal("6.15"), m1.price().quote(options("duration", 15)).totalUsd().setScale(2), "per: an integer option");
        assertEquals(new BigDecimal("4.15"), m1.price().quote(options("duration", 10)).totalUsd().setScale(2), "when: an integer value");
        // the integer takes part with its ends, its default and the values next to 10 (a term names it): 4, 5, 9, 10, 11, 15
        java.util.List<ObjectNode> combinations = OptionCombinations.of(m1);
        assertEquals(12, combinations.size(), combinations.toString());
        assertEquals(java.util.Set.of(4, 5, 9, 10, 11, 15), combinations.stream().map(c -> c.get("duration").asInt())
                .collect(java.util.stream.Collectors.toSet()));

        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {type: integer, min: 4, default: 5}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "option 'duration'", "range as whole numbers");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {type: integer, min: 4, max: 15, default: 20}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "default 20 is not a whole number from 4 to 15");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {type: integer, min: 15, max: 4}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "min <= max");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {type: integer, min: 4, max: 15}}
                    price: {base-usd: "0", terms: [{per: duration, usd-per-unit: "0.1"}]}
                """, "model 'm1'", "per 'duration' must be an integer option (min >= 0) or an enum option with numeric values, with a default");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {type: integer, min: 0, max: 15, default: 5}}
                    price: {base-usd: "0", terms: [{per: duration, usd-per-unit: "0.1"}]}
                """, "model 'm1'", "the price of {\"duration\":0} is 0.0");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {negative_prompt: {type: text}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "a text option names its most characters");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {last_frame_url: {type: image-url, needs: first_frame_url}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "needs 'first_frame_url', which is not another option");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {frame: {type: image-url}}
                    price: {base-usd: "1", terms: [{when: {frame: "https://a.example/x.png"}, add-usd: "1"}]}
                """, "model 'm1'", "'frame' = \"https://a.example/x.png\" is not an option value");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {type: number}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "type must be enum, boolean, integer, text, image-urls or image-url, not 'number'");
    }

    @Test
    void theNewModelsDefaultRequestsCostWhatTheirCommentsSay() {
        Map<String, CatalogModel> models = CatalogFile.read(Path.of("models.yaml"), key -> null);
        Map<String, String> expected = Map.of("kling-3.0", "0.70", "seedance-2", "2.05", "seedance-2-fast", "1.24", "wan-2.7", "1.20",
                "hailuo-02-pro", "0.48", "hailuo-02-standard", "0.24", "grok-imagine", "0.27");
        expected.forEach((name, usd) -> assertEquals(new BigDecimal(usd),
                models.get(name).price().quote(dev.videogate.generation.GenerateRequests.defaults(models.get(name))).totalUsd().setScale(2), name));
        // the dearest default-free requests: Grok 30 s at 720p, Seedance 2 15 s, Kling 3.0 pro 15 s with sound
        assertEquals(new BigDecimal("1.35"), models.get("grok-imagine").price().quote(options("duration", 30, "resolution", "720p")).totalUsd()
                .setScale(2));
        assertEquals(new BigDecimal("6.15"), models.get("seedance-2").price().quote(options("duration", 15)).totalUsd().setScale(2));
        assertEquals(new BigDecimal("4.05"), models.get("kling-3.0").price().quote(options("mode", "pro", "duration", "15", "sound", true))
                .totalUsd().setScale(2));
        // integer ranges do not multiply the combinations: Seedance 2 = 7 aspect ratios x 3 durations (4, 5, 15) x 2 audio
        assertEquals(42, OptionCombinations.of(models.get("seedance-2")).size());
    }

    @Test
    void settingsOverrideAnEntry() {
        Map<String, CatalogModel> models = CatalogFile.read(Path.of("models.yaml"), key -> switch (key) {
            case "app.models.sora-2.price-usd" -> "4.25";
            case "app.models.sora-2.kie-model" -> "sora-2-pro-text-to-video";
            case "app.models.wan-2.6.enabled" -> "false";
            default -> null;
        });
        assertEquals(new BigDecimal("4.25"), models.get("sora-2").price().baseUsd());
        assertEquals("sora-2-pro-text-to-video", models.get("sora-2").kieModel());
        assertEquals(false, models.get("wan-2.6").enabled());
    }

    @Test
    void mistakesAreRefusedNamingTheEntry() throws Exception {
        refused("""
                models:
                  m1: {kie-model: x, colour: red, price: {base-usd: "1"}}
                """, "model 'm1'", "unknown key 'colour'");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {values: ["5", "10"], default: "7"}}
                    price: {base-usd: "1"}
                """, "model 'm1'", "default \"7\" is not one of");
        refused("""
                models:
                  m1:
                    kie-model: x
                    options: {duration: {values: ["5"], default: "5"}}
                    price: {base-usd: "1", terms: [{when: {sound: true}, add-usd: "1"}]}
                """, "model 'm1'", "'sound' = true is not an option value");
        refused("""
                models:
                  m1: {kie-model: x, price: {base-usd: "1.0000001"}}
                """, "model 'm1'", "at most 6 decimals");
        refused("""
                models:
                  m1: {kie-model: x, price: {base-usd: "0"}}
                """, "model 'm1'", "must be above zero");
        refused("""
                models:
                  m1: {kie-model: x, family: runway, price: {base-usd: "1"}}
                """, "model 'm1'", "family 'runway' is not declared in the families section (declared: market)");
    }

    @Test
    void familyMistakesAreRefusedNamingTheFamilyAndField() throws Exception {
        String model = "models:\n  m1: {kie-model: x, price: {base-usd: \"1\"}}\n";
        refusedWithout(MARKET_FAMILY.replace("path: /jobs/recordInfo", "path: jobs/recordInfo") + model,
                "family 'market'", "status.path 'jobs/recordInfo' must be a path");
        refusedWithout(MARKET_FAMILY.replace("success: completed", "success: done") + model,
                "family 'market'", "status.states.success must be pending, processing, completed or failed, not 'done'");
        refusedWithout(MARKET_FAMILY.replace("query: \"taskId={taskId}\"", "query: \"id=1\"") + model,
                "family 'market'", "query 'id=1' must hold {taskId}");
        refusedWithout(MARKET_FAMILY.replace("state: data.state", "state: data..state") + model,
                "family 'market'", "status.state: 'data..state' has an empty step");
        refusedWithout(MARKET_FAMILY.replace("task-id: data.taskId}", "task-id: data.taskId, colour: red}") + model,
                "family 'market'", "unknown key 'create.colour'");
        refusedWithout(model, "no 'families' map");
        refusedWithout(MARKET_FAMILY.replace("fields: input,", "fields: input, image-urls: first,")
                + "models:\n  m1:\n    kie-model: x\n    options: {image_urls: {type: image-urls, min: 0, max: 2}}\n    price: {base-usd: \"1\"}\n",
                "model 'm1'", "family market takes one image URL (max: 1)");
    }

    @Test
    void theCatalogIsReadAgainWhenTheFileChanges() throws Exception {
        Path file = dir.resolve("models.yaml");
        Files.writeString(file, MARKET_FAMILY + "models:\n  m1: {kie-model: a, price: {base-usd: \"1.00\"}}\n");
        java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000);
        java.time.Clock clock = new java.time.Clock() {
            public java.time.ZoneId getZone() { return java.time.ZoneOffset.UTC; }
            public java.time.Clock withZone(java.time.ZoneId zone) { return this; }
            public java.time.Instant instant() { return java.time.Instant.ofEpochMilli(now.get()); }
        };
        ModelCatalog catalog = new ModelCatalog(file, key -> null, java.util.List.of(), clock);
        assertEquals(new BigDecimal("1.00"), catalog.find("m1").orElseThrow().price().baseUsd());

        Files.writeString(file, MARKET_FAMILY + "models:\n  m1: {kie-model: a, price: {base-usd: \"2.50\"}}\n  m2: {kie-model: b, price: {base-usd: \"3\"}}\n");
        now.addAndGet(1500);
        assertEquals(new BigDecimal("2.50"), catalog.find("m1").orElseThrow().price().baseUsd(), "no restart needed");
        assertTrue(catalog.find("m2").isPresent());

        Files.writeString(file, "models: [broken");
        now.addAndGet(1500);
        assertEquals(new BigDecimal("2.50"), catalog.find("m1").orElseThrow().price().baseUsd(), "a broken edit keeps the last good catalog");
    }

    private void refused(String yaml, String... expected) throws Exception {
        refusedWithout(MARKET_FAMILY + yaml, expected);
    }

    private void refusedWithout(String yaml, String... expected) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, yaml);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CatalogFile.read(file, key -> null));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should say " + part);
        }
    }

    private static ObjectNode options(Object... pairs) {
        ObjectNode node = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            node.set((String) pairs[i], JSON.valueToTree(pairs[i + 1]));
        }
        return node;
    }
}
