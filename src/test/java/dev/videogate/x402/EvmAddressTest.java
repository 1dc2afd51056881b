package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EvmAddressTest {

    // The four "all caps / all lower / normal" test vectors from EIP-55.
    @ParameterizedTest
    @ValueSource(strings = {
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"})
    void eip55VectorsChecksumAndValidate(String vector) {
        assertEquals(vector, EvmAddress.parse(vector.toLowerCase(Locale.ROOT)).checksummed());
        assertEquals(vector, EvmAddress.parse("0x" + vector.substring(2).toUpperCase(Locale.ROOT)).checksummed());
        assertEquals(vector, EvmAddress.parse(vector).checksummed());
    }

    @Test
    void mixedCaseWithWrongChecksumIsRejected() {
        // one letter's case flipped in the first EIP-55 vector
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvmAddress.parse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
        assertTrue(e.getMessage().contains("EIP-55"), e.getMessage());
        assertFalse(EvmAddress.isValid("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xyz", "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe",
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", "0xZaAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", " 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"})
    void wrongShapeIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvmAddress.parse(text));
        assertTrue(e.getMessage().contains("0x + 40 hex"), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EvmAddress.parse(null));
    }

    @Test
    void equalityIgnoresCase() {
        EvmAddress a = EvmAddress.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
        EvmAddress b = EvmAddress.parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertTrue(a.sameAs("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED"));
        assertFalse(a.sameAs(null));
        assertEquals("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", a.lowercase());
        assertEquals("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", a.toString());
    }

    @Test
    void keccakIsKeccak256NotSha3() {
        // keccak256("") differs from SHA3-256(""); this is the Ethereum one.
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", EvmAddress.hex(EvmAddress.keccak256(new byte[0])));
    }
}
