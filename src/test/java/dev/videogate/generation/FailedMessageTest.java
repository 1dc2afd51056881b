package dev.videogate.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The message of a failed generation says "Generation failed" once, whatever Kie.ai's own failMsg starts with. */
class FailedMessageTest {

    @Test
    void kieReasonIsPrefixedOnce() {
        assertEquals("Generation failed: content policy", GenerationResponses.failedMessage("content policy"));
        assertEquals("Generation failed: content policy (simulated)",
                GenerationResponses.failedMessage("Generation failed: content policy (simulated)"));
        assertEquals("generation failed, retry later", GenerationResponses.failedMessage("generation failed, retry later"));
    }

    @Test
    void noReasonStillSaysItFailed() {
        assertEquals("Generation failed", GenerationResponses.failedMessage(null));
        assertEquals("Generation failed", GenerationResponses.failedMessage("  "));
    }
}
