package dev.videogate.siwx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.x402.PersonalSign;
import dev.videogate.x402.X402Json;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The SIGN-IN-WITH-X checks, each refusal with its code; the signed text as the official client's library writes it. */
class SignInWithXTest {

    private static final String BASE = "https://gw.example";
    private static final String CHAIN = "eip155:84532";
    private static final byte[] SECRET = "a shared read-token key".getBytes(StandardCharsets.UTF_8);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-03T15:00:00Z"));
    private final SignInWithX siwx = new SignInWithX(BASE, List.of(CHAIN), SECRET, Duration.ofMinutes(5), clock);
    private final WalletForTests payer = new WalletForTests("payer");
    private final WalletForTests other = new WalletForTests("someone else");

    @Test
    void theTextIsTheOneTheOfficialClientSigns() throws Exception {
        // made by @x402/extensions formatSIWEMessage and a viem account's signMessage (test key of the EIP-155 examples)
        String message = "gw.example wants you to sign in with your Ethereum account:\n0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\n\n"
                + "Sign in to read the video generations this wallet paid for\n\nURI: https://gw.example/api/generate\nVersion: 1\n"
                + "Chain ID: 84532\nNonce: abcdef0123456789\nIssued At: 2026-12-03T15:00:00.000Z\nExpiration Time: 2026-12-03T15:05:00.000Z\n"
                + "Resources:\n- https://gw.example/api/generate\n- https://gw.example/api/generations";
        String signature = "0xfe09f4d9f626ced31a8fedb2aa785ffa53bf3e0acdbc94e628181409141df70376aa3ba93ffd43576d0096ca6385f99373326067669ad4d20c886669de938d921b";
        SiwxProof proof = new SiwxProof("gw.example", "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", SignInWithX.STATEMENT,
                BASE + "/api/generate", "1", CHAIN, "eip191", "abcdef0123456789", "2026-12-03T15:00:00.000Z", "2026-12-03T15:05:00.000Z",
                null, null, List.of(BASE + "/api/generate", BASE + "/api/generations"), signature);
        assertEquals(message, SiweMessage.text(proof, proof.address(), 84532));
        assertEquals("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23", PersonalSign.signer(message, signature).checksummed());
        // no statement: its line stays, empty
        SiwxProof bare = new SiwxProof("gw.example", proof.address(), null, proof.uri(), "1", CHAIN, "eip191", "abcdef0123456789",
                "2026-12-03T15:00:00.000Z", null, null, null, null, signature);
        assertEquals("gw.example wants you to sign in with your Ethereum account:\n0x2c7536E3605D9C16a7a3D7b1898e529396a65c23\n\n\n"
                + "URI: https://gw.example/api/generate\nVersion: 1\nChain ID: 84532\nNonce: abcdef0123456789\nIssued At: 2026-12-03T15:00:00.000Z",
                SiweMessage.text(bare, bare.address(), 84532));
    }

    @Test
    void eachChallengeHasItsOwnNonceAndIsBoundToOurDomain() throws Exception {
        JsonNode first = challenge();
        JsonNode second = challenge();
        assertNotEquals(first.get("nonce").asText(), second.get("nonce").asText());
        assertEquals("gw.example", first.get("domain").asText());
        assertEquals(BASE + "/api/generate", first.get("uri").asText());
        assertEquals("2026-12-03T15:00:00.000Z", first.get("issuedAt").asText());
        assertEquals("2026-12-03T15:05:00.000Z", first.get("expirationTime").asText());
        assertTrue(first.get("nonce").asText().matches("[0-9a-f]{58}"), first.toString());
    }

    @Test
    void aGoodProofSignsInThePayingWallet() throws Exception {
        SignIn signIn = siwx.verify(header(payer, p -> { }), "/api/generate/gen_1");
        assertEquals(payer.address, signIn.wallet());
        assertTrue(signIn.paid(payer.address.toLowerCase()));
        assertTrue(signIn.nonceExpires().toInstant().isAfter(clock.instant()));
        // the resource asked for is a URI the proof may name as well
        assertEquals(payer.address, siwx.verify(header(payer, p -> p.put("uri", BASE + "/api/generations")), "/api/generations").wallet());
    }

    @Test
    void aProofForAnotherDomainIsRefused() throws Exception {
        assertRefused("siwx_wrong_domain", header(payer, p -> p.put("domain", "evil.example")));
    }

    @Test
    void aProofForAnotherUriIsRefused() throws Exception {
        assertRefused("siwx_wrong_uri", header(payer, p -> p.put("uri", "https://evil.example/api/generate")));
        assertRefused("siwx_wrong_uri", header(payer, p -> p.put("uri", BASE + "/api/generate/gen_other")));
        assertRefused("siwx_wrong_uri", header(payer, p -> p.putArray("resources").add("https://evil.example/x")));
    }

    @Test
    void anExpiredProofIsRefused() throws Exception {
        String header = header(payer, p -> { });
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertRefused("siwx_expired", header);
    }

    @Test
    void aProofIssuedInTheFutureIsRefused() throws Exception {
        assertRefused("siwx_not_yet_valid", header(payer, p -> p.put("issuedAt", "2026-12-03T15:02:00.000Z")));
        // a little clock skew is tolerated
        assertEquals(payer.address, siwx.verify(header(payer, p -> p.put("issuedAt", "2026-12-03T15:00:10.000Z")), "/api/generations").wallet());
    }

    @Test
    void aProofSignedByAnotherWalletIsRefused() throws Exception {
        // another wallet signs a proof that claims the payer's address
        ObjectNode proof = proof(payer, p -> { });
        proof.put("signature", other.sign(SiweMessage.text(SiwxProof.parse(encode(proof)), payer.address, 84532)));
        assertRefused("siwx_bad_signature", encode(proof));
        // and a field changed after signing breaks the signature too
        ObjectNode changed = proof(payer, p -> { });
        changed.put("statement", "something else");
        assertRefused("siwx_bad_signature", encode(changed));
    }

    @Test
    void aNonceThatIsNotOursIsRefused() throws Exception {
        // one of ours with its expiry pushed back a day: the MAC no longer fits
        assertRefused("siwx_unknown_nonce", header(payer, p -> {
            String nonce = p.get("nonce").asText();
            long expiry = Long.parseLong(nonce.substring(16, 26), 16) + 86_400;
            p.put("nonce", nonce.substring(0, 16) + String.format("%010x", expiry) + nonce.substring(26));
        }));
        assertRefused("siwx_unknown_nonce", header(payer, p -> p.put("nonce", "abcdef0123456789")));
    }

    @Test
    void aProofForAnotherChainIsRefused() throws Exception {
        assertRefused("siwx_wrong_chain", header(payer, p -> p.put("chainId", "eip155:1")));
    }

    @Test
    void aMalformedHeaderIsRefused() throws Exception {
        assertRefused("siwx_invalid", "not base64 at all!");
        assertRefused("siwx_invalid", Base64.getEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)));
        ObjectNode noSignature = proof(payer, p -> { });
        noSignature.remove("signature");
        assertRefused("siwx_invalid", encode(noSignature));
        assertRefused("siwx_invalid", header(payer, p -> p.put("signature", "0x1234")));
        assertRefused("siwx_invalid", header(payer, p -> p.put("statement", "line\nURI: https://evil.example")));
        assertRefused("siwx_invalid", "A".repeat(SiwxProof.MAX_HEADER_CHARS + 4));
    }

    @Test
    void aRefusalNeverEchoesTheProof() throws Exception {
        String header = header(payer, p -> p.put("domain", "evil.example"));
        SiwxRefused refused = assertThrows(SiwxRefused.class, () -> siwx.verify(header, "/api/generations"));
        String signature = X402Json.fromBase64Json(header).get("signature").asText();
        assertTrue(!refused.getMessage().contains(signature) && !refused.getMessage().contains(header), refused.getMessage());
        assertEquals(401, refused.status());
    }

    private void assertRefused(String code, String header) {
        SiwxRefused refused = assertThrows(SiwxRefused.class, () -> siwx.verify(header, "/api/generations"));
        assertEquals(code, refused.code(), refused.getMessage());
    }

    /** The info of a fresh 402's sign-in-with-x challenge. */
    private JsonNode challenge() throws Exception {
        ObjectNode holder = X402Json.mapper().createObjectNode();
        holder.set("x", siwx.declaration());
        return X402Json.parse(siwx.fill(X402Json.toJson(holder))).get("x").get("info");
    }

    /** A proof of the challenge as the official client builds it, changed by edit before the wallet signs it. */
    private ObjectNode proof(WalletForTests wallet, Consumer<ObjectNode> edit) throws Exception {
        ObjectNode proof = (ObjectNode) challenge().deepCopy();
        proof.put("address", wallet.address);
        proof.put("chainId", CHAIN);
        proof.put("type", "eip191");
        edit.accept(proof);
        if (!proof.has("signature")) {
            String address = proof.get("address").asText();
            proof.put("signature", "0x00");
            long chain = Long.parseLong(proof.get("chainId").asText().replaceAll("^.*:", ""));
            String text = SiweMessage.text(parseUnchecked(proof), address, chain);
            proof.put("signature", wallet.sign(text));
        }
        return proof;
    }

    private static SiwxProof parseUnchecked(ObjectNode proof) {
        ObjectNode copy = proof.deepCopy();
        copy.put("statement", copy.path("statement").asText().replace('\n', ' ')); // the refusal case signs what it can
        if (!proof.has("statement")) {
            copy.remove("statement");
        }
        return SiwxProof.parse(encode(copy));
    }

    private String header(WalletForTests wallet, Consumer<ObjectNode> edit) throws Exception {
        return encode(proof(wallet, edit));
    }

    private static String encode(ObjectNode proof) {
        return Base64.getEncoder().encodeToString(X402Json.toJson(proof).getBytes(StandardCharsets.UTF_8));
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
