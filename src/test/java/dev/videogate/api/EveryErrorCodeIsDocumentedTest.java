package dev.videogate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.ErrorCodesInTheCode;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One list of error codes ({@link ErrorCodes}, the OpenAPI document's enums): every code the code base can answer
 * (support/ErrorCodesInTheCode, the scan docs/EveryErrorCodeIsListedTest also compares with docs/api.md's table) is in
 * it, and nothing stale is.
 */
class EveryErrorCodeIsDocumentedTest {

    @Test
    void everyCodeTheCodeBaseAnswersIsListed() throws IOException {
        Set<String> answered = ErrorCodesInTheCode.byCode().keySet();
        Set<String> listed = new TreeSet<>(ErrorCodes.ERRORS);
        listed.addAll(ErrorCodes.CHALLENGES);
        Set<String> missing = new TreeSet<>(answered);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "answered but not in ErrorCodes: " + missing);
        Set<String> stale = new TreeSet<>(listed);
        stale.removeAll(answered);
        assertTrue(stale.isEmpty(), "in ErrorCodes but answered nowhere: " + stale);
        assertTrue(answered.size() > 40, "the scan finds the codes: " + answered);
    }

    @Test
    void theListsHaveNoRepeats() {
        assertEquals(ErrorCodes.ERRORS.size(), new TreeSet<>(ErrorCodes.ERRORS).size());
        assertTrue(ErrorCodes.CHALLENGES.stream().noneMatch(ErrorCodes.ERRORS::contains), "a 402 challenge code is not an error code");
    }
}
