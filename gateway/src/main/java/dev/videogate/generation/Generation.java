package dev.videogate.generation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * One generation as the caller asked for it, the seed's defaults filled in: what the SQL insert, the Kie.ai
 * request and the answer are made from. Travels as variable "generation"; SQL reads it by name
 * ({@code :#${variable.generation.prompt}}).
 */
public record Generation(String generationId, String model, String kieModel, String type, String prompt,
                         String aspectRatio, String nFrames, boolean removeWatermark, BigDecimal priceUsd) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The options column (jsonb), in the seed's option names. */
    public String options() {
        ObjectNode options = JSON.createObjectNode();
        options.put("aspect_ratio", aspectRatio);
        options.put("n_frames", nFrames);
        options.put("remove_watermark", removeWatermark);
        return options.toString();
    }
}
