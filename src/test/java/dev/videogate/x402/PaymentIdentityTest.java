package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentIdentityTest {

    private static final EvmAddress USDC = X402Network.BASE_SEPOLIA.defaultUsdc().orElseThrow().address();

    @Test
    void keyIsLowercaseNetworkAssetPayerNonce() {
        PaymentPayload p = PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.SPEC_V2_PAYMENT_SIGNATURE);
        assertEquals("eip155:84532:0x036cbd53842c5426634e7929541ec2318f3dcf7e:0x857b06519e91e3a54538791bdbb0e22373e36b66:"
                + "0xf3746613c2d920b5fdabc0856f2aeb2d4f88ee6037b8cc5d04a71a4462f13480", PaymentIdentity.of(p, USDC).key());
    }

    @Test
    void sameAuthorizationInEitherVersionIsTheSamePayment() {
        PaymentPayload v2 = PaymentPayloadDecoder.decode("PAYMENT-SIGNATURE", Fixtures.SPEC_V2_PAYMENT_SIGNATURE);
        PaymentPayload v1 = PaymentPayloadDecoder.decode("X-PAYMENT", Fixtures.SPEC_V1_X_PAYMENT);
        assertEquals(PaymentIdentity.of(v2, USDC), PaymentIdentity.of(v1, USDC));
    }

    @Test
    void nonceCaseAndAddressCaseDoNotMatter() {
        EvmAddress from = EvmAddress.parse(Fixtures.PAYER);
        assertEquals(PaymentIdentity.of(X402Network.BASE_SEPOLIA, USDC, from, Fixtures.NONCE.toUpperCase().replace("0X", "0x")),
                PaymentIdentity.of(X402Network.BASE_SEPOLIA, USDC, from, Fixtures.NONCE));
    }

    @Test
    void otherChainOrTokenIsAnotherPayment() {
        EvmAddress from = EvmAddress.parse(Fixtures.PAYER);
        PaymentIdentity a = PaymentIdentity.of(X402Network.BASE_SEPOLIA, USDC, from, Fixtures.NONCE);
        assertNotEquals(a, PaymentIdentity.of(X402Network.BASE, USDC, from, Fixtures.NONCE));
        assertNotEquals(a, PaymentIdentity.of(X402Network.BASE_SEPOLIA, Fixtures.settings(Map.of()).payTo(), from, Fixtures.NONCE));
    }
}
