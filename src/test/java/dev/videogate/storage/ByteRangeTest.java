package dev.videogate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which bytes of a 1000-byte file a Range header asks for. */
class ByteRangeTest {

    @Test
    void noHeaderAnotherUnitOrSeveralRangesMeanTheWholeFile() {
        assertEquals(new ByteRange(0, 999, false), ByteRange.of(null, 1000));
        assertEquals(new ByteRange(0, 999, false), ByteRange.of("items=0-5", 1000));
        assertEquals(new ByteRange(0, 999, false), ByteRange.of("bytes=0-5,10-20", 1000));
    }

    @Test
    void oneRangeIsPartOfTheFile() {
        assertEquals(new ByteRange(0, 99, true), ByteRange.of("bytes=0-99", 1000));
        assertEquals(new ByteRange(500, 999, true), ByteRange.of("bytes=500-", 1000));
        assertEquals(new ByteRange(900, 999, true), ByteRange.of("bytes=-100", 1000));
        assertEquals(new ByteRange(0, 999, true), ByteRange.of("bytes=-5000", 1000));
        assertEquals(new ByteRange(990, 999, true), ByteRange.of("bytes=990-5000", 1000), "the end is cut to the file");
        assertEquals(100, ByteRange.of("bytes=0-99", 1000).length());
    }

    @Test
    void rangesThatDoNotFitOrCannotBeReadAreUnsatisfiable() {
        assertNull(ByteRange.of("bytes=1000-", 1000));
        assertNull(ByteRange.of("bytes=50-10", 1000));
        assertNull(ByteRange.of("bytes=-0", 1000));
        assertNull(ByteRange.of("bytes=abc", 1000));
        assertNull(ByteRange.of("bytes=-", 1000));
        assertNull(ByteRange.of("bytes=99999999999999999999-", 1000));
    }
}
