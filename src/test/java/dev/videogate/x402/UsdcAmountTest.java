package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UsdcAmountTest {

    @ParameterizedTest
    @CsvSource({"3.50,3500000", "3.5,3500000", "0.000001,1", "1,1000000", "0.1,100000", "0.30,300000",
            "10,10000000", "' 2.25 ',2250000", "1.500000,1500000", ".5,500000", "3.,3000000", "1000000.000001,1000000000001"})
    void convertsExactly(String usd, String atomic) {
        assertEquals(new BigInteger(atomic), UsdcAmount.toAtomic(usd));
    }

    @Test
    void sumOfDecimalStringsDoesNotDrift() {
        // 0.1 + 0.2 as doubles is 0.30000000000000004; as atomic units it is exactly 300000.
        assertEquals(UsdcAmount.toAtomic("0.3"), UsdcAmount.toAtomic("0.1").add(UsdcAmount.toAtomic("0.2")));
    }

    @Test
    void sevenDecimalsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic("0.0000001"));
        assertTrue(e.getMessage().contains("more than 6 decimals"), e.getMessage());
    }

    @Test
    void trailingZerosBeyondSixDecimalsAreFine() {
        assertEquals(BigInteger.valueOf(3_500_000), UsdcAmount.toAtomic("3.500000000"));
    }

    @Test
    void negativeAndZeroAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic("-1")).getMessage().contains("negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic("0")).getMessage().contains("zero"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic("0.000000")).getMessage().contains("zero"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "3,50", "$3.50", "1e3", "NaN", "Infinity", "3.5.0", "0x10", "."})
    void nonNumbersAreRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic(text));
        assertTrue(e.getMessage().contains("is not a USD amount"), e.getMessage());
    }

    @Test
    void emptyIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic(null));
        assertThrows(IllegalArgumentException.class, () -> UsdcAmount.toAtomic("  "));
    }

    @Test
    void backToUsdForTheJsonPrice() throws Exception {
        assertEquals(new BigDecimal("3.5"), UsdcAmount.toUsd(BigInteger.valueOf(3_500_000)));
        assertEquals("3.5", X402Json.mapper().writeValueAsString(UsdcAmount.toUsd(BigInteger.valueOf(3_500_000))));
        assertEquals("10", X402Json.mapper().writeValueAsString(UsdcAmount.toUsd(BigInteger.valueOf(10_000_000))));
        assertEquals("0.000001", UsdcAmount.toUsd(BigInteger.ONE).toPlainString());
    }
}
