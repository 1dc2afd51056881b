package dev.videogate.kie.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What Kie.ai accepts and what it bills, per model, after /work/shared/reference/kie-ai.md and kie-ai-models.md.
 * The simulator answers {@code jobs/createTask} and {@code veo/generate} with these rules, and other modules' tests
 * may ask them directly (read-only, thread-safe, no simulator needed):
 * <pre>
 * String problem = ModelRules.check("kling-2.6/text-to-video", input);   // null = Kie.ai would accept it
 * int cost = ModelRules.credits("kling-2.6/text-to-video", input);       // what a success bills
 * </pre>
 *
 * <h2>Market models ({@code POST /api/v1/jobs/createTask}, the rules apply to the request's {@code input})</h2>
 * <table>
 *   <caption>input fields and credits</caption>
 *   <tr><th>model</th><th>fields</th><th>credits on success</th></tr>
 *   <tr><td>sora-2-text-to-video, sora-2-image-to-video</td>
 *       <td>prompt 1..10000 (required); aspect_ratio landscape|portrait; n_frames "10"|"15" (default "10");
 *       remove_watermark bool; image-to-video: image_urls exactly 1 URL (required)</td>
 *       <td>30 for 10 s, 45 for 15 s</td></tr>
 *   <tr><td>sora-2-pro-text-to-video, sora-2-pro-image-to-video</td>
 *       <td>as Sora 2, plus size standard|high (default standard)</td>
 *       <td>standard 90/135, high 200/400 for 10/15 s</td></tr>
 *   <tr><td>kling-2.6/text-to-video</td>
 *       <td>prompt 1..1000, sound bool, aspect_ratio 1:1|16:9|9:16, duration "5"|"10" (all required)</td>
 *       <td>55 for 5 s, 110 for 10 s; doubled with sound</td></tr>
 *   <tr><td>kling-2.6/image-to-video</td>
 *       <td>as text-to-video without aspect_ratio (ignored if sent), plus image_urls exactly 1 URL (required)</td>
 *       <td>as text-to-video</td></tr>
 *   <tr><td>bytedance/seedance-1.5-pro</td>
 *       <td>prompt 3..2500 (required); aspect_ratio 1:1|4:3|3:4|16:9|9:16|21:9 (required); input_urls 0..2 URLs;
 *       resolution 480p|720p|1080p; duration "4"|"8"|"12"; fixed_lens bool; generate_audio bool. Kie's page
 *       names no defaults; the simulator prices a left-out resolution as 720p, duration as "8", audio as off</td>
 *       <td>per second: 720p 3.5 (Kie's list), 480p half of it (1.75), 1080p double (7); doubled with
 *       generate_audio. 720p 8 s = 28, with audio 56</td></tr>
 *   <tr><td>wan/2-6-text-to-video</td>
 *       <td>prompt 1..5000 (required); duration "5"|"10"|"15" (a left-out duration is priced as "5");
 *       resolution 720p|1080p (default 1080p)</td>
 *       <td>720p 70 per 5 s (Kie's list); 1080p one and a half times that, 105 per 5 s</td></tr>
 *   <tr><td>kling-3.0/video</td>
 *       <td>prompt 1..2500 (required); mode std|pro|4K (default std); duration "3".."15" (default "5");
 *       aspect_ratio 1:1|16:9|9:16; sound bool; image_urls 0..2 URLs; multi_shots bool</td>
 *       <td>per second std 14, pro 18; with sound 20, 27; 4K billed as pro</td></tr>
 *   <tr><td>bytedance/seedance-2, bytedance/seedance-2-fast</td>
 *       <td>prompt 3..20000 (required); first_frame_url, last_frame_url (URL strings; last needs first) or
 *       reference_image_urls 0..9, reference_video_urls 0..3, reference_audio_urls 0..3, not both;
 *       aspect_ratio 1:1|4:3|3:4|16:9|9:16|21:9|adaptive; resolution 480p|720p|1080p (fast: no 1080p; default
 *       720p); duration an integer 4..15 (default 5); generate_audio bool (default true)</td>
 *       <td>per second at 720p 41 (fast 24.8, rounded up per task); 480p half, 1080p double</td></tr>
 *   <tr><td>wan/2-7-text-to-video</td>
 *       <td>prompt 1..5000 (required); negative_prompt 1..500; ratio 16:9|9:16|1:1; duration an integer 2..15
 *       (default 5); resolution 720p|1080p (default 1080p); seed an integer 0..2147483647</td>
 *       <td>per second 16 at 720p, 24 at 1080p</td></tr>
 *   <tr><td>hailuo/02-text-to-video-pro, hailuo/02-text-to-video-standard</td>
 *       <td>prompt 1..1500 (required); prompt_optimizer bool; standard: duration "6"|"10" (default "6")</td>
 *       <td>pro 48 (6 s); standard 4 per second</td></tr>
 *   <tr><td>grok-imagine/text-to-video</td>
 *       <td>prompt 1..5000 (required); aspect_ratio 2:3|3:2|1:1|16:9|9:16; mode fun|normal|spicy; duration an
 *       integer 6..30 (default 6); resolution 480p|720p (default 720p)</td>
 *       <td>per second 2.4 at 480p, 4.5 at 720p (rounded up per task)</td></tr>
 *   <tr><td>any other model the simulator knows</td>
 *       <td>prompt 1..10000 (required); ids containing "image-to-video" need image_urls (1 or more)</td>
 *       <td>50</td></tr>
 * </table>
 * Every market model with its own table also takes {@code nsfw_checker} (bool). Fields a table does not list are
 * accepted and ignored, as Kie.ai does. JSON {@code null} counts as left out. Durations are strings ("5", not 5),
 * except Seedance 2's, Wan 2.7's and Grok Imagine's, which are JSON integers (5, not "5").
 *
 * <h2>Veo 3.1 ({@code POST /api/v1/veo/generate}, the rules apply to the whole body)</h2>
 * prompt 1..{@value #VEO_MAX_PROMPT_LENGTH} (required); model veo3|veo3_fast|veo3_lite (default veo3_fast);
 * generationType TEXT_2_VIDEO (default) | FIRST_AND_LAST_FRAMES_2_VIDEO (imageUrls 1..2 required) |
 * REFERENCE_2_VIDEO (imageUrls 1..3 required, veo3_fast and veo3_lite only); aspect_ratio (or the older name
 * aspectRatio) 16:9|9:16|Auto; resolution 720p|1080p|4k (default 720p); callBackUrl an http(s) URL;
 * enableTranslation bool; watermark string; seeds integer. imageUrls with TEXT_2_VIDEO are ignored.
 * Credits per 8 s clip at 720p/1080p/4k: veo3_lite 30/35/150, veo3_fast 60/65/180, veo3 250/255/370.
 */
public final class ModelRules {

    /** Veo 3.1 model ids ({@code model} of {@code veo/generate}). */
    public static final List<String> VEO_MODELS = List.of("veo3", "veo3_fast", "veo3_lite");
    /** The Veo model Kie.ai uses when {@code model} is left out. */
    public static final String VEO_DEFAULT_MODEL = "veo3_fast";
    public static final int VEO_MAX_PROMPT_LENGTH = 5_000;
    /** What a success of a model without its own table bills. */
    public static final int OTHER_MODEL_CREDITS = 50;

    static final String TEXT_2_VIDEO = "TEXT_2_VIDEO";
    static final String FIRST_AND_LAST_FRAMES_2_VIDEO = "FIRST_AND_LAST_FRAMES_2_VIDEO";
    static final String REFERENCE_2_VIDEO = "REFERENCE_2_VIDEO";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FieldRule NSFW_CHECKER = FieldRule.flag("nsfw_checker").defaultsTo("false");
    private static final Map<String, MarketRule> MARKET = marketTable();

    private ModelRules() {
    }

    // ------------------------------------------------------------------ public API

    /**
     * The 422 message Kie.ai would answer for this request, naming the field, or {@code null} when it would accept
     * it. For a market model {@code json} is the createTask {@code input} object; for a Veo model
     * ({@link #isVeoModel}) it is the {@code veo/generate} body, checked as if its {@code model} were {@code model}.
     * A market model without its own table gets the general rule (prompt required, at most 10000 characters).
     */
    public static String check(String model, JsonNode json) {
        if (isVeoModel(model)) {
            if (json == null || !json.isObject()) {
                return "Request body must be a JSON object";
            }
            com.fasterxml.jackson.databind.node.ObjectNode body = json.deepCopy();
            body.put("model", model);
            return VeoRules.check(body);
        }
        if (json == null || json.isNull() || json.isMissingNode()) {
            return "input is required";
        }
        if (!json.isObject()) {
            return "input must be a JSON object";
        }
        MarketRule rule = MARKET.get(model);
        return rule != null ? rule.check(json) : generalRule(model).check(json);
    }

    /** {@link #check(String, JsonNode)} of a JSON text; text that is not JSON gives a message too. */
    public static String check(String model, String json) {
        return check(model, parse(json));
    }

    /** The 422 message for a whole {@code runway/generate} body, or null when Kie.ai would accept it. */
    public static String checkRunwayRequest(JsonNode body) {
        return RunwayRules.check(body);
    }

    /** The 422 message for a whole {@code veo/generate} body (its own {@code model}, default veo3_fast), or null. */
    public static String checkVeoRequest(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "Request body must be a JSON object";
        }
        return VeoRules.check(body);
    }

    public static String checkVeoRequest(String body) {
        return checkVeoRequest(parse(body));
    }

    /**
     * Credits a success of this request bills: for a market model from its {@code input}, for a Veo model from the
     * {@code veo/generate} body. Left-out fields count with Kie.ai's defaults; an invalid request has no meaningful
     * price (the simulator never bills one).
     */
    public static int credits(String model, JsonNode json) {
        if (RunwayRules.MODEL.equals(model)) {
            return RunwayRules.credits(json);
        }
        if (isVeoModel(model)) {
            return VeoRules.credits(model, json);
        }
        MarketRule rule = MARKET.get(model);
        return rule != null ? rule.credits.applyAsInt(new Values(rule, json)) : OTHER_MODEL_CREDITS;
    }

    /** The credits rule of a model in words, e.g. "55 for 5 s, 110 for 10 s; doubled with sound". */
    public static String pricing(String model) {
        if (isVeoModel(model)) {
            return VeoRules.pricing(model);
        }
        MarketRule rule = MARKET.get(model);
        return rule != null ? rule.pricing : OTHER_MODEL_CREDITS + " per task";
    }

    /** One line per documented field of a model ("duration: one of "5", "10"; required"), for people. */
    public static List<String> describe(String model) {
        List<String> lines = new ArrayList<>();
        List<FieldRule> fields = isVeoModel(model) ? VeoRules.FIELDS
                : MARKET.containsKey(model) ? MARKET.get(model).fields : generalRule(model).fields;
        for (FieldRule f : fields) {
            lines.add(f.describe());
        }
        if (isVeoModel(model)) {
            lines.addAll(VeoRules.CROSS_RULES);
        }
        return List.copyOf(lines);
    }

    /** Names of the fields a model documents (for a market model, of its {@code input}). */
    public static Set<String> fieldNames(String model) {
        List<FieldRule> fields = isVeoModel(model) ? VeoRules.FIELDS
                : MARKET.containsKey(model) ? MARKET.get(model).fields : generalRule(model).fields;
        Set<String> names = new LinkedHashSet<>();
        fields.forEach(f -> names.add(f.name()));
        return Collections.unmodifiableSet(names);
    }

    /** Whether {@code model} is a Veo 3.1 model, served by {@code veo/generate} rather than createTask. */
    public static boolean isVeoModel(String model) {
        return VEO_MODELS.contains(model);
    }

    /** Market model ids that have their own rule table (others get the general rule). */
    public static Set<String> marketModels() {
        return Collections.unmodifiableSet(MARKET.keySet());
    }

    /** Whether a model has its own rules (a market table or Veo). */
    public static boolean hasOwnRules(String model) {
        return isVeoModel(model) || MARKET.containsKey(model);
    }

    // ------------------------------------------------------------------ the market table

    private static Map<String, MarketRule> marketTable() {
        Map<String, MarketRule> table = new LinkedHashMap<>();

        List<FieldRule> sora = List.of(
                FieldRule.text("prompt", 1, KieSimulator.MAX_PROMPT_LENGTH).mandatory(),
                FieldRule.choice("aspect_ratio", "landscape", "portrait"),
                FieldRule.choice("n_frames", "10", "15").defaultsTo("10"),
                FieldRule.flag("remove_watermark"));
        FieldRule oneImage = FieldRule.urls("image_urls", 1, 1).mandatory();
        FieldRule size = FieldRule.choice("size", "standard", "high").defaultsTo("standard");
        ToIntFunction<Values> soraCredits = v -> v.is("n_frames", "15") ? 45 : 30;
        ToIntFunction<Values> soraProCredits = v -> v.is("size", "high")
                ? (v.is("n_frames", "15") ? 400 : 200)
                : (v.is("n_frames", "15") ? 135 : 90);
        String soraPricing = "30 for 10 s, 45 for 15 s";
        String soraProPricing = "standard 90 for 10 s, 135 for 15 s; high 200 for 10 s, 400 for 15 s";
        add(table, "sora-2-text-to-video", sora, soraCredits, soraPricing);
        add(table, "sora-2-image-to-video", plus(sora, oneImage), soraCredits, soraPricing);
        add(table, "sora-2-pro-text-to-video", plus(sora, size), soraProCredits, soraProPricing);
        add(table, "sora-2-pro-image-to-video", plus(sora, size, oneImage), soraProCredits, soraProPricing);

        FieldRule klingPrompt = FieldRule.text("prompt", 1, 1000).mandatory();
        FieldRule sound = FieldRule.flag("sound").mandatory();
        FieldRule klingDuration = FieldRule.choice("duration", "5", "10").mandatory();
        ToIntFunction<Values> klingCredits = v -> (v.is("duration", "10") ? 110 : 55) * (v.flag("sound") ? 2 : 1);
        String klingPricing = "55 for 5 s, 110 for 10 s; doubled with sound";
        add(table, "kling-2.6/text-to-video", List.of(klingPrompt, sound,
                FieldRule.choice("aspect_ratio", "1:1", "16:9", "9:16").mandatory(), klingDuration),
                klingCredits, klingPricing);
        add(table, "kling-2.6/image-to-video", List.of(klingPrompt, sound, klingDuration, oneImage),
                klingCredits, klingPricing);

        add(table, "bytedance/seedance-1.5-pro", List.of(
                        FieldRule.text("prompt", 3, 2500).mandatory(),
                        FieldRule.urls("input_urls", 0, 2),
                        FieldRule.choice("aspect_ratio", "1:1", "4:3", "3:4", "16:9", "9:16", "21:9").mandatory(),
                        FieldRule.choice("resolution", "480p", "720p", "1080p").defaultsTo("720p"),
                        FieldRule.choice("duration", "4", "8", "12").defaultsTo("8"),
                        FieldRule.flag("fixed_lens"),
                        FieldRule.flag("generate_audio").defaultsTo("false")),
                v -> {
                    // quarter credits per second: 480p 1.75 = 7/4, 720p 3.5 = 14/4, 1080p 7 = 28/4
                    int quarters = switch (v.text("resolution")) {
                        case "480p" -> 7;
                        case "1080p" -> 28;
                        default -> 14;
                    };
                    int audio = v.flag("generate_audio") ? 2 : 1;
                    return ceilDiv(v.number("duration", 8) * quarters * audio, 4);
                },
                "per second 1.75 at 480p, 3.5 at 720p, 7 at 1080p; doubled with generate_audio");

        add(table, "wan/2-6-text-to-video", List.of(
                        FieldRule.text("prompt", 1, 5000).mandatory(),
                        FieldRule.choice("duration", "5", "10", "15").defaultsTo("5"),
                        FieldRule.choice("resolution", "720p", "1080p").defaultsTo("1080p")),
                v -> {
                    int fives = v.number("duration", 5) / 5;
                    return fives * ("720p".equals(v.text("resolution")) ? 70 : 105);
                },
                "70 per 5 s at 720p, 105 per 5 s at 1080p");

        // Kling 3.0 (M): per second std 14, pro 18; with sound 20 and 27. 4K is a documented mode the reference
        // does not price: billed here as pro (an assumption). The prompt bound is not in the reference: 2500 (L).
        List<String> klingSeconds = new ArrayList<>();
        for (int s = 3; s <= 15; s++) {
            klingSeconds.add(Integer.toString(s));
        }
        add(table, "kling-3.0/video", List.of(
                        FieldRule.text("prompt", 1, 2500).mandatory(),
                        FieldRule.choice("mode", "std", "pro", "4K").defaultsTo("std"),
                        FieldRule.choice("duration", klingSeconds.toArray(String[]::new)).defaultsTo("5"),
                        FieldRule.choice("aspect_ratio", "1:1", "16:9", "9:16"),
                        FieldRule.flag("sound").defaultsTo("false"),
                        FieldRule.urls("image_urls", 0, 2),
                        FieldRule.flag("multi_shots")),
                v -> v.number("duration", 5) * (v.is("mode", "std") ? (v.flag("sound") ? 20 : 14) : (v.flag("sound") ? 27 : 18)),
                "per second: std 14, pro (and 4K) 18; with sound 20 and 27");

        // Seedance 2 and 2 Fast (fields H, price M): a first frame (and a last one) or references, not both; duration
        // a JSON integer 4..15. Priced per second at 720p (41, fast 24.8); 480p half and 1080p double, as for 1.5 Pro
        // (the simulator's assumption: the reference prices 720p only). Fast makes 480p and 720p only.
        Function<JsonNode, String> framesOrReferences = input -> {
            boolean frames = present(input, "first_frame_url") || present(input, "last_frame_url");
            boolean references = present(input, "reference_image_urls") || present(input, "reference_video_urls")
                    || present(input, "reference_audio_urls");
            if (frames && references) {
                return "first_frame_url/last_frame_url and reference_*_urls cannot be used together";
            }
            return present(input, "last_frame_url") && !present(input, "first_frame_url")
                    ? "last_frame_url needs first_frame_url" : null;
        };
        List<FieldRule> seedance2 = List.of(
                FieldRule.text("prompt", 3, 20_000).mandatory(),
                FieldRule.url("first_frame_url"),
                FieldRule.url("last_frame_url"),
                FieldRule.urls("reference_image_urls", 0, 9),
                FieldRule.urls("reference_video_urls", 0, 3),
                FieldRule.urls("reference_audio_urls", 0, 3),
                FieldRule.choice("aspect_ratio", "1:1", "4:3", "3:4", "16:9", "9:16", "21:9", "adaptive"),
                FieldRule.integer("duration", 4, 15).defaultsTo("5"),
                FieldRule.flag("generate_audio").defaultsTo("true"));
        add(table, "bytedance/seedance-2",
                plus(seedance2, FieldRule.choice("resolution", "480p", "720p", "1080p").defaultsTo("720p")), framesOrReferences,
                v -> ceilDiv(v.number("duration", 5) * switch (v.text("resolution")) {
                    case "480p" -> 205;
                    case "1080p" -> 820;
                    default -> 410;
                }, 10),
                "per second 41 at 720p (480p half, 1080p double)");
        add(table, "bytedance/seedance-2-fast",
                plus(seedance2, FieldRule.choice("resolution", "480p", "720p").defaultsTo("720p")), framesOrReferences,
                v -> ceilDiv(v.number("duration", 5) * ("480p".equals(v.text("resolution")) ? 124 : 248), 10),
                "per second 24.8 at 720p (480p half)");

        // Wan 2.7 (fields H, price L): duration a JSON integer 2..15; negative_prompt's bound and ratio's values are
        // not in the reference (L: 500 and Wan's usual 16:9, 9:16, 1:1).
        add(table, "wan/2-7-text-to-video", List.of(
                        FieldRule.text("prompt", 1, 5000).mandatory(),
                        FieldRule.text("negative_prompt", 1, 500),
                        FieldRule.choice("ratio", "16:9", "9:16", "1:1"),
                        FieldRule.integer("duration", 2, 15).defaultsTo("5"),
                        FieldRule.choice("resolution", "720p", "1080p").defaultsTo("1080p"),
                        FieldRule.integer("seed", 0, Integer.MAX_VALUE)),
                v -> v.number("duration", 5) * ("720p".equals(v.text("resolution")) ? 16 : 24),
                "per second 16 at 720p, 24 at 1080p");

        // Hailuo 02 (fields H, price L): 8 credits per second for pro (a 6 s clip, L), 4 for standard ("6" or "10").
        add(table, "hailuo/02-text-to-video-pro", List.of(
                        FieldRule.text("prompt", 1, 1500).mandatory(),
                        FieldRule.flag("prompt_optimizer")),
                v -> 48, "48 (8 per second, 6 s)");
        add(table, "hailuo/02-text-to-video-standard", List.of(
                        FieldRule.text("prompt", 1, 1500).mandatory(),
                        FieldRule.flag("prompt_optimizer"),
                        FieldRule.choice("duration", "6", "10").defaultsTo("6")),
                v -> 4 * v.number("duration", 6), "4 per second");

        // Grok Imagine (fields H, price M): duration a JSON integer 6..30; 2.4 / 4.5 credits per second read as 480p
        // / 720p (L: the reference lists 2.4/4.5/8 without saying what by; 8 would be the 1080p to come).
        add(table, "grok-imagine/text-to-video", List.of(
                        FieldRule.text("prompt", 1, 5000).mandatory(),
                        FieldRule.choice("aspect_ratio", "2:3", "3:2", "1:1", "16:9", "9:16"),
                        FieldRule.choice("mode", "fun", "normal", "spicy").defaultsTo("normal"),
                        FieldRule.integer("duration", 6, 30).defaultsTo("6"),
                        FieldRule.choice("resolution", "480p", "720p").defaultsTo("720p")),
                v -> ceilDiv(v.number("duration", 6) * ("480p".equals(v.text("resolution")) ? 24 : 45), 10),
                "per second 2.4 at 480p, 4.5 at 720p");
        return Collections.unmodifiableMap(table);
    }

    private static boolean present(JsonNode input, String field) {
        return input.hasNonNull(field);
    }

    private static void add(Map<String, MarketRule> table, String model, List<FieldRule> fields,
                            ToIntFunction<Values> credits, String pricing) {
        add(table, model, fields, input -> null, credits, pricing);
    }

    /** A model whose fields also have a rule across them ({@code cross}: the 422 message, or null). */
    private static void add(Map<String, MarketRule> table, String model, List<FieldRule> fields, Function<JsonNode, String> cross,
                            ToIntFunction<Values> credits, String pricing) {
        table.put(model, new MarketRule(plus(fields, NSFW_CHECKER), cross, credits, pricing));
    }

    private static List<FieldRule> plus(List<FieldRule> fields, FieldRule... more) {
        List<FieldRule> all = new ArrayList<>(fields);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }

    /** Today's rule for models without a table: a prompt like Sora's; "image-to-video" ids need image_urls. */
    private static MarketRule generalRule(String model) {
        List<FieldRule> fields = new ArrayList<>();
        fields.add(FieldRule.text("prompt", 1, KieSimulator.MAX_PROMPT_LENGTH).mandatory());
        if (model != null && model.contains("image-to-video")) {
            fields.add(FieldRule.urls("image_urls", 1, Integer.MAX_VALUE).mandatory());
        }
        return new MarketRule(List.copyOf(fields), input -> null, v -> OTHER_MODEL_CREDITS, OTHER_MODEL_CREDITS + " per task");
    }

    /** The 422 message for a request's callBackUrl (must be an http(s) URL; blank counts as none), or null. */
    static String callBackUrlProblem(JsonNode body) {
        JsonNode cb = body == null ? null : body.get("callBackUrl");
        if (cb == null || cb.isNull()) {
            return null;
        }
        if (!cb.isTextual()) {
            return "callBackUrl must be a string";
        }
        return cb.asText().isBlank() || FieldRule.isHttpUrl(cb.asText()) ? null
                : "callBackUrl is not a valid http(s) URL";
    }

    static int ceilDiv(int value, int by) {
        return (value + by - 1) / by;
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json); // not an object: the check says so
        }
    }

    /**
     * A market model's fields (checked in order, so the first problem is reported), the rule across them (checked
     * after every field is right), and its price.
     */
    record MarketRule(List<FieldRule> fields, Function<JsonNode, String> cross, ToIntFunction<Values> credits, String pricing) {

        String check(JsonNode input) {
            for (FieldRule field : fields) {
                String problem = field.check(input);
                if (problem != null) {
                    return problem;
                }
            }
            return cross.apply(input);
        }

        FieldRule field(String name) {
            for (FieldRule f : fields) {
                if (f.name().equals(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    /** A request's field values as a price rule reads them: sent value, else the documented default. */
    record Values(MarketRule rule, JsonNode input) {

        String text(String name) {
            FieldRule f = rule.field(name);
            String value = f != null ? f.valueIn(input) : null;
            return value == null ? "" : value;
        }

        boolean is(String name, String value) {
            return value.equals(text(name));
        }

        boolean flag(String name) {
            return "true".equals(text(name));
        }

        /** A duration-like field as a number, or {@code fallback} when it is not one. */
        int number(String name, int fallback) {
            try {
                return Integer.parseInt(text(name));
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
