package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The balanceOf eth_call (the balance a paid request is held against): its request, and what an answer gives. */
class BalanceOfCallTest {

    @Test
    void asksTheTokenForTheOwnersBalanceAtTheLatestBlock() {
        String request = BalanceOfCall.request(EvmAddress.parse("0x036CbD53842c5426634e7929541eC2318f3dCF7e"),
                EvmAddress.parse("0x2f091232230c65CaE07C0e9c597cf279c96f9CfE"));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\"0x036cbd53842c5426634e7929541ec2318f3dcf7e\","
                + "\"data\":\"0x70a082310000000000000000000000002f091232230c65cae07c0e9c597cf279c96f9cfe\"},\"latest\"]}", request);
    }

    @Test
    void readsTheWordTheChainAnswers() {
        assertEquals(Optional.of(BigInteger.valueOf(3_500_000)),
                BalanceOfCall.balance("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + "0".repeat(58) + "3567e0\"}"));
        assertEquals(Optional.of(BigInteger.ZERO), BalanceOfCall.balance("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + "0".repeat(64) + "\"}"));
    }

    @Test
    void anythingElseIsNoBalance() {
        assertTrue(BalanceOfCall.balance("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000,\"message\":\"execution reverted\"}}").isEmpty());
        assertTrue(BalanceOfCall.balance("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x\"}").isEmpty(), "no contract at that address");
        assertTrue(BalanceOfCall.balance("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x" + "f".repeat(65) + "\"}").isEmpty());
        assertTrue(BalanceOfCall.balance("<html>bad gateway</html>").isEmpty());
        assertTrue(BalanceOfCall.balance("").isEmpty());
    }
}
