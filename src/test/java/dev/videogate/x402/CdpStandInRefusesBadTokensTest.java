package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.CdpTestKeys;
import dev.videogate.support.CdpTestKeys.TestKey;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The CDP stand-in (start.mjs --cdp-*, lib/cdp-auth.mjs) that the gateway's CDP tests pay through is strict: it takes a
 * token of ours made for exactly the call, and refuses one that is missing, expired, reused, signed by another key, or
 * made for another method, host or path. (So a test that passes through it proves our tokens are right.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdpStandInRefusesBadTokensTest {

    private static final String EMPTY = "{}";

    private final TestKey key = CdpTestKeys.ec();
    private LocalX402Network network;
    private String host;
    private String base;
    private CdpJwt jwt;

    @BeforeAll
    void start() throws Exception {
        network = LocalX402Network.start("--cdp-key-id", key.id(), "--cdp-public-key", key.publicSpki());
        URI url = URI.create(network.facilitatorUrl());
        host = url.getHost() + ":" + url.getPort();
        base = url.getPath();
        jwt = new CdpJwt(CdpApiKey.parse(key.id(), key.secret()), Clock.systemUTC());
    }

    @AfterAll
    void stop() throws Exception {
        network.close();
    }

    @Test
    void aTokenMadeForTheCallPasses() throws Exception {
        // past the check: the facilitator itself answers (400, the body is no payment), not 401
        HttpResponse<String> verify = network.facilitatorRequest("/verify", bearer(jwt.token("POST", host, base + "/verify")), EMPTY);
        assertEquals(400, verify.statusCode(), verify.body());
        HttpResponse<String> supported = network.facilitatorRequest("/supported", bearer(jwt.token("GET", host, base + "/supported")), null);
        assertEquals(200, supported.statusCode(), supported.body());
    }

    @Test
    void missing() throws Exception {
        refused("missing", network.facilitatorRequest("/verify", null, EMPTY));
        refused("missing", network.facilitatorRequest("/supported", null, null));
        refused("not_bearer_jwt", network.facilitatorRequest("/verify", "Basic dXNlcjpwYXNz", EMPTY));
    }

    @Test
    void expired() throws Exception {
        CdpJwt past = new CdpJwt(CdpApiKey.parse(key.id(), key.secret()), Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-121)));
        refused("expired", network.facilitatorRequest("/verify", bearer(past.token("POST", host, base + "/verify")), EMPTY));
    }

    @Test
    void reused() throws Exception {
        String token = bearer(jwt.token("POST", host, base + "/verify"));
        assertNotEquals(401, network.facilitatorRequest("/verify", token, EMPTY).statusCode());
        refused("reused", network.facilitatorRequest("/verify", token, EMPTY));
    }

    @Test
    void signedByAnotherKey() throws Exception {
        TestKey other = CdpTestKeys.ec();
        // the same key id, another key's signature
        CdpJwt forged = new CdpJwt(CdpApiKey.parse(key.id(), other.secret()), Clock.systemUTC());
        refused("bad_signature", network.facilitatorRequest("/verify", bearer(forged.token("POST", host, base + "/verify")), EMPTY));
        // another key type altogether
        TestKey ed = CdpTestKeys.ed25519();
        CdpJwt eddsa = new CdpJwt(CdpApiKey.parse(key.id(), ed.secret()), Clock.systemUTC());
        refused("wrong_alg", network.facilitatorRequest("/verify", bearer(eddsa.token("POST", host, base + "/verify")), EMPTY));
    }

    @Test
    void madeForAnotherMethodHostOrPath() throws Exception {
        refused("wrong_uri", network.facilitatorRequest("/verify", bearer(jwt.token("POST", host, base + "/settle")), EMPTY));
        refused("wrong_uri", network.facilitatorRequest("/verify", bearer(jwt.token("GET", host, base + "/verify")), EMPTY));
        refused("wrong_uri", network.facilitatorRequest("/verify", bearer(jwt.token("POST", "api.cdp.coinbase.com", base + "/verify")), EMPTY));
        refused("wrong_uri", network.facilitatorRequest("/verify", bearer(jwt.token("POST", host, "/verify")), EMPTY));
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static void refused(String reason, HttpResponse<String> answer) {
        assertEquals(401, answer.statusCode(), answer.body());
        JsonNode body = Json.parse(answer.body());
        assertEquals(reason, body.get("reason").asText(), answer.body());
    }
}
