package dev.videogate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Json;
import dev.videogate.support.ProductionConsole;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The bundle's log4j2.properties, in both formats: json writes one parsable object per line with time, level, logger,
 * thread, message, exception and the MDC; both formats mask secrets in messages and exceptions alike.
 */
class ConsoleFormatsTest {

    private static final Logger LOG = LoggerFactory.getLogger("dev.videogate.test.ConsoleFormats");
    private static final String KEY = "kie-key-4f9a8b7c6d5e";
    private static final String SIGNATURE = "0x" + "ab12".repeat(32) + "1c";
    private static final String HEADER = "eyJ4NDAyVmVyc2lvbiI6MiwicGF5bG9hZCI6eyJzaWduYXR1cmUiOiIweGFiIn19";

    @Test
    void jsonLinesCarryTheFieldsAndNoSecret() throws Exception {
        SecretMask.remember(KEY);
        List<String> lines;
        try (ProductionConsole console = ProductionConsole.open("json")) {
            MDC.put("generationId", "gen_1_abcd");
            try {
                LOG.info("calling with Authorization: Bearer {} and PAYMENT-SIGNATURE={}", KEY, HEADER);
            } finally {
                MDC.remove("generationId");
            }
            LOG.warn("the facilitator said no", new IllegalStateException("signature " + SIGNATURE + " refused",
                    new RuntimeException("key " + KEY)));
            LOG.info("two\nlines");
            lines = console.lines();
        }
        assertEquals(3, lines.size(), String.join("\n", lines));
        JsonNode first = Json.parse(lines.get(0));
        assertTrue(Instant.parse(first.get("time").asText()).isAfter(Instant.now().minusSeconds(60)), first.toString());
        assertTrue(first.get("time").asText().endsWith("Z"), "UTC: " + first);
        assertEquals("INFO", first.get("level").asText());
        assertEquals("dev.videogate.test.ConsoleFormats", first.get("logger").asText());
        assertEquals(Thread.currentThread().getName(), first.get("thread").asText());
        assertEquals("gen_1_abcd", first.get("generationId").asText(), first.toString());
        assertEquals("calling with Authorization: *** and PAYMENT-SIGNATURE=***", first.get("message").asText());
        assertFalse(first.has("exception"), first.toString());

        JsonNode second = Json.parse(lines.get(1));
        assertEquals("WARN", second.get("level").asText());
        assertFalse(second.has("generationId"), "the MDC was cleared: " + second);
        String exception = second.get("exception").asText();
        assertTrue(exception.startsWith(MaskedThrowable.class.getName() + ": java.lang.IllegalStateException: signature 0x*** refused"),
                exception);
        assertTrue(exception.contains("Caused by: " + MaskedThrowable.class.getName() + ": java.lang.RuntimeException: key ***"), exception);
        assertTrue(exception.contains("at dev.videogate.logging.ConsoleFormatsTest"), "the stack is kept: " + exception);

        assertEquals("two\nlines", Json.parse(lines.get(2)).get("message").asText());
        String all = String.join("\n", lines);
        assertFalse(all.contains(KEY) || all.contains(SIGNATURE.substring(2, 40)) || all.contains(HEADER.substring(3, 30)), all);
    }

    @Test
    void textLinesNameTheGenerationAndNoSecret() throws Exception {
        SecretMask.remember(KEY);
        String all;
        try (ProductionConsole console = ProductionConsole.open("text")) {
            MDC.put("generationId", "gen_2_efgh");
            try {
                LOG.info("calling {} with X-PAYMENT: {}", "Bearer " + KEY, HEADER);
            } finally {
                MDC.remove("generationId");
            }
            LOG.error("failed", new IllegalArgumentException("bad " + SIGNATURE));
            all = String.join("\n", console.lines());
        }
        assertTrue(all.contains("ConsoleFormats - gen_2_efgh calling Bearer *** with X-PAYMENT: ***"), all);
        assertTrue(all.contains(MaskedThrowable.class.getName() + ": java.lang.IllegalArgumentException: bad 0x***"), all);
        assertFalse(all.contains(KEY) || all.contains(SIGNATURE.substring(2, 40)) || all.contains(HEADER.substring(3, 30)), all);
        assertFalse(all.trim().startsWith("{"), "text, not json: " + all);
    }
}
