package dev.videogate.kie.sim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Parsing of [sim:...] directives from prompt text. */
class PromptDirectivesTest {

    @Test
    void plainPromptHasNoDirectives() {
        assertSame(PromptDirectives.NONE, PromptDirectives.parse("a cat on a surfboard [not a directive]"));
        assertSame(PromptDirectives.NONE, PromptDirectives.parse(null));
    }

    @Test
    void parsesEachDirective() {
        PromptDirectives d = PromptDirectives.parse(
                "x [sim:fail:Bad things happened] [sim:no-callback] [sim:double-callback] [sim:slow:250] [sim:stuck]");
        assertTrue(d.fail());
        assertEquals("Bad things happened", d.failMsg());
        assertTrue(d.noCallback());
        assertTrue(d.doubleCallback());
        assertEquals(250L, d.slowMillis());
        assertTrue(d.stuck());
    }

    @Test
    void defaultsAndOddities() {
        PromptDirectives fail = PromptDirectives.parse("[SIM:FAIL]");
        assertTrue(fail.fail());
        assertEquals(PromptDirectives.DEFAULT_FAIL_MSG, fail.failMsg());
        PromptDirectives junk = PromptDirectives.parse("[sim:slow:soon] [sim:unknown]");
        assertNull(junk.slowMillis());
        assertFalse(junk.fail());
    }
}
