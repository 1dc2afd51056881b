package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The spliced base64 must be exactly the base64 of the whole filled text, wherever the 3-byte groups fall. */
class Base64TemplateTest {

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyHeadMiddleAndTailLengthJoinsIntoTheWholeTextsBase64() {
        for (int head = 0; head < 7; head++) {
            for (int tail = 0; tail < 7; tail++) {
                for (int filled = 0; filled < 7; filled++) {
                    String text = "h".repeat(head) + "@a@-@b@" + "t".repeat(tail);
                    String value = "v".repeat(filled);
                    Base64Template template = Base64Template.around(text, "@a@", "@b@");
                    String expected = base64(text.replace("@a@", value).replace("@b@", value));
                    assertEquals(expected, template.encode(m -> m.replace("@a@", value).replace("@b@", value)),
                            "head " + head + ", tail " + tail + ", value " + filled);
                }
            }
        }
    }

    @Test
    void multiByteCharactersAroundTheMarksAreCountedInBytes() {
        String text = "{\"name\":\"Dólar €\",\"nonce\":\"@n@\",\"at\":\"@t@\",\"note\":\"ünïcödé ✓\"}";
        Base64Template template = Base64Template.around(text, "@t@", "@n@"); // marks in any order
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            String nonce = Long.toHexString(random.nextLong()).substring(0, 1 + random.nextInt(15));
            String at = "é".repeat(random.nextInt(4));
            String filled = text.replace("@n@", nonce).replace("@t@", at);
            assertEquals(base64(filled), template.encode(m -> m.replace("@n@", nonce).replace("@t@", at)));
        }
    }

    @Test
    void theSameTemplateServesMany() {
        Base64Template template = Base64Template.around("abc@x@def", "@x@");
        assertEquals(base64("abc1def"), template.encode(m -> "1"));
        assertEquals(base64("abc22def"), template.encode(m -> "22"));
        assertEquals(base64("abcdef"), template.encode(m -> ""));
    }

    @Test
    void aTextWithoutTheMarkIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Base64Template.around("no marks here", "@x@"));
        assertThrows(IllegalArgumentException.class, () -> Base64Template.around("@x@ but not the other", "@x@", "@y@"));
    }
}
