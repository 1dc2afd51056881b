package dev.videogate.siwx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.support.Await;
import dev.videogate.support.Json;
import dev.videogate.support.LocalX402Network;
import dev.videogate.support.LogCapture;
import dev.videogate.support.PaidGatewayTest;
import dev.videogate.support.TestPaths;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Sign-in-with-x end to end: a payer pays with the official x402 client, then, without its access token, signs in
 * with the paying wallet through the OFFICIAL client hook of @x402/extensions (createSIWxClientHook, siwx.mjs) and
 * reads its generation, its result file and its list of generations; another wallet sees none of them; a proof sent
 * twice is refused the second time.
 */
class OfficialClientSignsInTest extends PaidGatewayTest {

    @Override
    protected Map<String, String> settings() {
        return Map.of("app.siwx.cleanup-interval-ms", "300");
    }

    @Test
    void thePayingWalletReadsAndListsItsGenerationsWithoutItsToken() throws Exception {
        String first = pay(4, "a heron at dawn").get("generationId").asText();
        JsonNode paid = pay(4, "a heron at dusk");
        String second = paid.get("generationId").asText();
        // the result, as the token holder reads it, and our copy of its file
        HttpResponse<String> done = gateway.get("/api/generate/" + second + "?poll=true",
                Map.of("Authorization", "Bearer " + paid.get("accessToken").asText()));
        assertEquals("completed", Json.parse(done.body()).get("state").asText(), done.body());
        Await.until("our copy of the file stored", Duration.ofSeconds(30), () -> gateway.get("/api/generate/" + second + "/files/0",
                Map.of("Authorization", "Bearer " + paid.get("accessToken").asText())).statusCode() == 200);

        JsonNode signedIn;
        try (LogCapture log = LogCapture.open()) {
            signedIn = signIn(4, true, "/api/generate/" + second + "?poll=false", "/api/generate/" + second + "/files/0",
                    "/api/generations", "/api/generations?limit=1", "/api/generate/" + first + "?poll=true");
            for (JsonNode read : signedIn.get("reads")) {
                String header = read.get("sent").get("headers").get("sign-in-with-x").asText();
                String signature = read.get("proof").get("signature").asText();
                assertFalse(log.text().contains(header.substring(0, 40)) || log.text().contains(signature.substring(2, 42)),
                        "the proof never reaches the logs");
            }
        }
        Files.writeString(TestPaths.output("siwx-exchange.json"), signedIn.toPrettyString()); // the exchange, for the docs
        JsonNode status = read(signedIn, 0);
        assertEquals(200, status.get("status").asInt(), status.toString());
        assertEquals(second, status.get("body").get("generationId").asText());
        assertEquals("completed", status.get("body").get("state").asText());
        assertFalse(status.get("body").has("accessToken"), "no token is handed out again");
        assertEquals(200, read(signedIn, 1).get("status").asInt(), read(signedIn, 1).toString());

        JsonNode list = read(signedIn, 2);
        assertEquals(200, list.get("status").asInt(), list.toString());
        assertEquals(x402.payerAddress(4).toLowerCase(), list.get("body").get("wallet").asText().toLowerCase());
        assertEquals(List.of(second, first), ids(list.get("body")), "newest first");
        assertTrue(list.get("body").get("nextCursor").isNull());
        for (JsonNode item : list.get("body").get("generations")) {
            assertFalse(item.has("accessToken"), item.toString());
        }

        JsonNode page = read(signedIn, 3);
        assertEquals(List.of(second), ids(page.get("body")), page.toString());
        String cursor = page.get("body").get("nextCursor").asText();
        JsonNode next = signIn(4, false, "/api/generations?limit=1&cursor=" + cursor);
        assertEquals(List.of(first), ids(read(next, 0).get("body")), next.toString());
        assertTrue(read(next, 0).get("body").get("nextCursor").isNull(), next.toString());

        // poll=true with a proof: answered at once (a proof is good for one look), here with the finished first one
        JsonNode polled = read(signedIn, 4);
        assertEquals(200, polled.get("status").asInt(), polled.toString());
        assertEquals(first, polled.get("body").get("generationId").asText());

        // a proof is good once
        JsonNode replay = signedIn.get("replay");
        assertEquals(401, replay.get("status").asInt(), replay.toString());
        assertEquals("siwx_replayed", replay.get("body").get("error").asText(), replay.toString());

        // the 402 declared the extension, bound to our domain and the paid resource
        JsonNode info = status.get("challenge").get("info");
        assertEquals(gateway.url("/api/generate").replaceFirst("^http://", "").replace("/api/generate", ""), info.get("domain").asText());
        assertEquals(gateway.url("/api/generate"), info.get("uri").asText());
        assertEquals("eip155:84532", status.get("challenge").get("supportedChains").get(0).get("chainId").asText());
    }

    @Test
    void anotherWalletSeesNoneOfThem() throws Exception {
        String theirs = pay(5, "a lantern on a boat").get("generationId").asText();

        JsonNode other = signIn(3, false, "/api/generations", "/api/generate/" + theirs + "?poll=false",
                "/api/generate/" + theirs + "/files/0");
        JsonNode list = read(other, 0);
        assertEquals(200, list.get("status").asInt(), list.toString());
        assertEquals(List.of(), ids(list.get("body")));
        assertEquals(403, read(other, 1).get("status").asInt(), read(other, 1).toString());
        assertEquals("siwx_not_payer", read(other, 1).get("body").get("error").asText());
        assertEquals(403, read(other, 2).get("status").asInt(), read(other, 2).toString());
    }

    @Test
    void aSignedInLongPollIsHeldUntilTheEndOnOneProof() throws Exception {
        String id = pay(1, "a slow tide [sim:slow:6000]").get("generationId").asText();
        String header = signIn(1, false, true, "/api/generate/" + id + "?poll=true").get("reads").get(0).get("sent").get("headers")
                .get("sign-in-with-x").asText();
        long spentBefore = spentNonces();

        CompletableFuture<HttpResponse<String>> held = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                URI.create(gateway.url("/api/generate/" + id + "?poll=true"))).header("SIGN-IN-WITH-X", header).build(),
                HttpResponse.BodyHandlers.ofString());
        Await.until("the proof spent by the first look", Duration.ofSeconds(10), () -> spentNonces() == spentBefore + 1);
        Thread.sleep(500); // a negative can only be checked after some time: not answered while the task runs
        assertFalse(held.isDone(), "a signed-in long-poll is held like one with the token");

        HttpResponse<String> answer = held.get(30, TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("completed", Json.parse(answer.body()).get("state").asText(), answer.body());
        assertEquals(spentBefore + 1, spentNonces(), "one proof, spent once, for the whole wait");

        HttpResponse<String> again = gateway.get("/api/generate/" + id + "?poll=true", Map.of("SIGN-IN-WITH-X", header));
        assertEquals(401, again.statusCode(), again.body());
        assertEquals("siwx_replayed", Json.parse(again.body()).get("error").asText(), again.body());
    }

    @Test
    void anotherWalletsLongPollIsRefusedAtOnce() throws Exception {
        String theirs = pay(5, "a slow canal [sim:slow:30000]").get("generationId").asText();
        String header = signIn(3, false, true, "/api/generate/" + theirs + "?poll=true").get("reads").get(0).get("sent")
                .get("headers").get("sign-in-with-x").asText();
        HttpResponse<String> refused = gateway.get("/api/generate/" + theirs + "?poll=true", Map.of("SIGN-IN-WITH-X", header));
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals("siwx_not_payer", Json.parse(refused.body()).get("error").asText(), refused.body());
    }

    @Test
    void oneProofSentFourTimesAtOnceIsTakenOnce() throws Exception {
        pay(2, "a kite over dunes");
        String header = signIn(2, false, true, "/api/generations").get("reads").get(0).get("sent").get("headers")
                .get("sign-in-with-x").asText();
        List<CompletableFuture<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sends.add(HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(gateway.url("/api/generations")))
                    .header("SIGN-IN-WITH-X", header).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = sends.stream().map(CompletableFuture::join).toList();
        assertEquals(1, answers.stream().filter(a -> a.statusCode() == 200).count(), answers.stream().map(HttpResponse::body).toList().toString());
        answers.stream().filter(a -> a.statusCode() != 200).forEach(a -> {
            assertEquals(401, a.statusCode(), a.body());
            assertEquals("siwx_replayed", Json.parse(a.body()).get("error").asText(), a.body());
        });
    }

    @Test
    void spentNoncesPastTheirExpiryAreCleanedUp() throws Exception {
        db.execute("INSERT INTO siwx_nonce (nonce, wallet, expires_at) VALUES ('old0nonce', '0x0', now() - interval '1 minute'),"
                + " ('live0nonce', '0x0', now() + interval '1 hour')");
        Await.until("the expired spent nonce deleted", Duration.ofSeconds(20),
                () -> db.count("SELECT count(*) FROM siwx_nonce WHERE nonce = 'old0nonce'") == 0);
        assertEquals(1, db.count("SELECT count(*) FROM siwx_nonce WHERE nonce = 'live0nonce'"), "an unexpired one stays");
    }

    @Test
    void withoutAProofTheListIsRefused() throws Exception {
        long spent = spentNonces();
        HttpResponse<String> none = gateway.get("/api/generations");
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("siwx_required", Json.parse(none.body()).get("error").asText());
        HttpResponse<String> junk = gateway.get("/api/generations", Map.of("SIGN-IN-WITH-X", "bm90IGEgcHJvb2Y="));
        assertEquals(401, junk.statusCode(), junk.body());
        assertEquals("siwx_invalid", Json.parse(junk.body()).get("error").asText());
        assertEquals(spent, spentNonces(), "a refusal writes nothing");
    }

    private long spentNonces() throws Exception {
        return ((Number) db.rows("SELECT count(*) AS n FROM siwx_nonce").get(0).get("n")).longValue();
    }

    private JsonNode pay(int payer, String prompt) throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(payer), Json.request(prompt));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        return paid.get("body");
    }

    private JsonNode signIn(int wallet, boolean replay, String... paths) throws Exception {
        return signIn(wallet, replay, false, paths);
    }

    private JsonNode signIn(int wallet, boolean replay, boolean signOnly, String... paths) throws Exception {
        List<String> args = new ArrayList<>(List.of("--base", gateway.url(""), "--key", x402.payerKey(wallet),
                "--body", Json.request("only for its 402")));
        for (String path : paths) {
            args.add("--read");
            args.add(path);
        }
        if (replay) {
            args.add("--replay");
        }
        if (signOnly) {
            args.add("--sign-only");
        }
        return LocalX402Network.script(Map.of(), "siwx.mjs", args.toArray(String[]::new));
    }

    private static JsonNode read(JsonNode signedIn, int i) {
        return signedIn.get("reads").get(i);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("generations").forEach(item -> ids.add(item.get("generationId").asText()));
        return ids;
    }
}
