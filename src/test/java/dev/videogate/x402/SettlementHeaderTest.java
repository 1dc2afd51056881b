package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementHeaderTest {

    private static final String TX = "0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef";

    // Verbatim examples from coinbase/x402 specs/transports-v2/http.md and transports-v1/http.md.
    private static final String SPEC_V2_SUCCESS = "eyJzdWNjZXNzIjp0cnVlLCJ0cmFuc2FjdGlvbiI6IjB4MTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYxMjM0NTY3ODkwYWJjZGVmMTIzNDU2Nzg5MGFiY2RlZiIsIm5ldHdvcmsiOiJlaXAxNTU6ODQ1MzIiLCJwYXllciI6IjB4ODU3YjA2NTE5RTkxZTNBNTQ1Mzg3OTFiRGJiMEUyMjM3M2UzNmI2NiJ9";
    private static final String SPEC_V2_FAILURE = "eyJzdWNjZXNzIjpmYWxzZSwiZXJyb3JSZWFzb24iOiJpbnN1ZmZpY2llbnRfZnVuZHMiLCJ0cmFuc2FjdGlvbiI6IiIsIm5ldHdvcmsiOiJlaXAxNTU6ODQ1MzIiLCJwYXllciI6IjB4ODU3YjA2NTE5RTkxZTNBNTQ1Mzg3OTFiRGJiMEUyMjM3M2UzNmI2NiJ9";
    private static final String SPEC_V1_SUCCESS = "eyJzdWNjZXNzIjp0cnVlLCJ0cmFuc2FjdGlvbiI6IjB4MTIzNDU2Nzg5MGFiY2RlZjEyMzQ1Njc4OTBhYmNkZWYxMjM0NTY3ODkwYWJjZGVmMTIzNDU2Nzg5MGFiY2RlZiIsIm5ldHdvcmsiOiJiYXNlLXNlcG9saWEiLCJwYXllciI6IjB4ODU3YjA2NTE5RTkxZTNBNTQ1Mzg3OTFiRGJiMEUyMjM3M2UzNmI2NiJ9";

    private static SettleResult success(String network) {
        return new SettleResult(true, Optional.empty(), Optional.empty(), TX, network, Optional.of(Fixtures.PAYER));
    }

    @Test
    void v2SuccessIsByteIdenticalToTheSpec() {
        assertEquals(SPEC_V2_SUCCESS, SettlementHeader.encode(success("eip155:84532"), 2));
        assertEquals("PAYMENT-RESPONSE", SettlementHeader.name(2));
    }

    @Test
    void v1SuccessIsByteIdenticalToTheSpecAndUsesTheV1Name() {
        // the facilitator may answer in either spelling; the v1 client gets the v1 name
        assertEquals(SPEC_V1_SUCCESS, SettlementHeader.encode(success("eip155:84532"), 1));
        assertEquals(SPEC_V1_SUCCESS, SettlementHeader.encode(success("base-sepolia"), 1));
        assertEquals("X-PAYMENT-RESPONSE", SettlementHeader.name(1));
    }

    @Test
    void v2FailureIsByteIdenticalToTheSpec() {
        SettleResult failed = new SettleResult(false, Optional.of("insufficient_funds"), Optional.of("not sent on the wire"), "",
                "base-sepolia", Optional.of(Fixtures.PAYER));
        assertEquals(SPEC_V2_FAILURE, SettlementHeader.encode(failed, 2));
    }

    @Test
    void decodesBack() {
        SettleResult r = SettlementHeader.decode(SettlementHeader.encode(success("eip155:84532"), 2));
        assertEquals(success("eip155:84532"), r);
        assertEquals("base-sepolia", SettlementHeader.decode(SPEC_V1_SUCCESS).network());
        assertThrows(IllegalArgumentException.class, () -> SettlementHeader.decode("%%%"));
        assertThrows(IllegalArgumentException.class, () -> SettlementHeader.decode(Fixtures.base64("{\"x\":1}")));
    }

    @Test
    void customChainStaysCaip() {
        assertEquals("eip155:31337", SettlementHeader.json(success("eip155:31337"), 2).get("network").asText());
    }
}
