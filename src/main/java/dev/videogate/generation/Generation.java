package dev.videogate.generation;

import java.math.BigDecimal;

/**
 * One generation as the caller asked for it, checked against the model catalog with its defaults filled in: what the
 * SQL insert, the Kie.ai request and the answer are made from. Travels as variable "generation"; SQL reads it by name
 * ({@code :#${variable.generation.prompt}}).
 *
 * @param family          the Kie.ai endpoint family (models.yaml, section families) doing the work
 * @param options         the caller-facing options, defaults filled in (JSON object; column options)
 * @param kieInput        the model's fields of Kie.ai's request, options mapped and fixed input added (JSON object)
 * @param priceUsd        the price of exactly this request
 * @param priceBreakdown  how it was made (JSON array of {item, usd})
 * @param description     a line about what is sold (x402's resource description)
 * @param webhookUrl      where to POST the status answer when the generation ends, or null
 */
public record Generation(String generationId, String model, String kieModel, String family, String type, String prompt,
                         String options, String kieInput, BigDecimal priceUsd, String priceBreakdown, String description,
                         String webhookUrl) {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** priceBreakdown as JSON, for the answers (the 402 and the accepted answer show how the price was made). */
    public com.fasterxml.jackson.databind.JsonNode priceBreakdownJson() {
        try {
            return JSON.readTree(priceBreakdown);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.createArrayNode();
        }
    }
}
