package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class X402NetworkTest {

    @Test
    void parsesBothForms() {
        assertSame(X402Network.BASE_SEPOLIA, X402Network.parse("base-sepolia"));
        assertSame(X402Network.BASE_SEPOLIA, X402Network.parse("eip155:84532"));
        assertSame(X402Network.BASE, X402Network.parse("base"));
        assertSame(X402Network.BASE, X402Network.parse("eip155:8453"));
        assertEquals(84532, X402Network.BASE_SEPOLIA.chainId());
        assertEquals("eip155:84532", X402Network.BASE_SEPOLIA.wireName(2));
        assertEquals("base-sepolia", X402Network.BASE_SEPOLIA.wireName(1));
    }

    @Test
    void defaultUsdcPerNetwork() {
        TokenAsset base = X402Network.BASE.defaultUsdc().orElseThrow();
        assertEquals("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", base.address().checksummed());
        assertEquals("USD Coin", base.eip712Name());
        assertEquals("2", base.eip712Version());
        TokenAsset sepolia = X402Network.BASE_SEPOLIA.defaultUsdc().orElseThrow();
        assertEquals("0x036CbD53842c5426634e7929541eC2318f3dCF7e", sepolia.address().checksummed());
        assertEquals("USDC", sepolia.eip712Name());
        assertEquals(6, sepolia.decimals());
    }

    @Test
    void customChainIsV2Only() {
        X402Network local = X402Network.parse("eip155:31337");
        assertEquals(31337, local.chainId());
        assertEquals("eip155:31337", local.caip2());
        assertFalse(local.supportsV1());
        assertTrue(local.defaultUsdc().isEmpty());
        assertThrows(IllegalStateException.class, () -> local.wireName(1));
        assertEquals(local, X402Network.parse("EIP155:31337"));
    }

    @Test
    void unknownNamesAreRefusedWithTheSupportedList() {
        for (String bad : new String[] {"solana", "base-mainnet", "eip155:", "eip155:0", "eip155:abc", "eip155:01", ""}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> X402Network.parse(bad), bad);
            assertTrue(e.getMessage().contains("base-sepolia (eip155:84532)"), e.getMessage());
        }
    }
}
