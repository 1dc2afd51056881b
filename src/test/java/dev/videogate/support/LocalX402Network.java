package dev.videogate.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The project's local x402 network (src/test/x402-network): a Hardhat chain with id 84532, our EIP-3009 USDC
 * at the Base Sepolia USDC address, the official x402 facilitator behind a thin HTTP wrapper, and payers
 * using the official x402 clients. Started per test class on free loopback ports; stopped by closing stdin.
 */
public final class LocalX402Network implements AutoCloseable {

    private static final Path DIR = TestPaths.x402Network();
    // HTTP/1.1: Hardhat's JSON-RPC server refuses the h2c upgrade Java asks for by default
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final JsonNode ready;

    private LocalX402Network(Process process, JsonNode ready) {
        this.process = process;
        this.ready = ready;
    }

    public static LocalX402Network start() throws IOException {
        return start(new String[0]);
    }

    /** Started with these extra start.mjs options (e.g. --cdp-key-id ID --cdp-public-key SPKI: the CDP stand-in). */
    public static LocalX402Network start(String... options) throws IOException {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            throw new IllegalStateException("Run `npm ci` in " + DIR + " first (.ci/run does)");
        }
        Files.createDirectories(TestPaths.output("x402-network.log").getParent());
        List<String> command = new ArrayList<>(List.of("node", "start.mjs", "--quiet"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(TestPaths.output("x402-network.log").toFile()))
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("X402_NETWORK_READY ")) {
                return new LocalX402Network(process, Json.parse(line.substring("X402_NETWORK_READY ".length())));
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("the local x402 network did not start; see " + TestPaths.output("x402-network.log"));
    }

    public String facilitatorUrl() {
        return ready.get("facilitatorUrl").asText();
    }

    /** The bundle's settings for paying through this network: x402 on, its facilitator and chain, a fast reconciler. */
    public Map<String, String> gatewaySettings() {
        return Map.of("app.x402.enabled", "true", "app.x402.pay-to", payTo(), "app.x402.network", "base-sepolia",
                "app.x402.facilitator-url", facilitatorUrl(), "app.x402.rpc-url", rpcUrl(), "app.x402.reconcile-interval-ms", "300");
    }

    public String rpcUrl() {
        return ready.get("rpcUrl").asText();
    }

    public String payTo() {
        return ready.get("payTo").asText();
    }

    public String asset() {
        return ready.get("asset").asText();
    }

    public String payerKey(int i) {
        return ready.get("payers").get(i).get("privateKey").asText();
    }

    public String payerAddress(int i) {
        return ready.get("payers").get(i).get("address").asText();
    }

    public String poorPayerKey() {
        return ready.get("poorPayer").get("privateKey").asText();
    }

    public String poorPayerAddress() {
        return ready.get("poorPayer").get("address").asText();
    }

    /**
     * The second chain (started with --second-chain): id 31337, no x402 v1 name, a token with its own EIP-712 domain,
     * the same payers funded, the same payTo, and a facilitator of its own (the main one serves it too).
     */
    public record SecondChain(String rpcUrl, long chainId, String network, String asset, String assetName, String assetVersion,
                              String payTo, String facilitatorUrl) {
    }

    public SecondChain second() {
        JsonNode s = ready.get("second");
        if (s == null) {
            throw new IllegalStateException("the local x402 network was started without --second-chain");
        }
        return new SecondChain(s.get("rpcUrl").asText(), s.get("chainId").asLong(), s.get("network").asText(), s.get("asset").asText(),
                s.get("assetName").asText(), s.get("assetVersion").asText(), s.get("payTo").asText(), s.get("facilitatorUrl").asText());
    }

    /** USDC balance (atomic units) by an eth_call of balanceOf on the chain. */
    public BigInteger balance(String address) throws IOException, InterruptedException {
        return balance(rpcUrl(), asset(), address);
    }

    /** A token balance (atomic units) on any chain of this network, by an eth_call of balanceOf. */
    public BigInteger balance(String rpcUrl, String token, String address) throws IOException, InterruptedException {
        String data = "0x70a08231" + "0".repeat(24) + address.substring(2).toLowerCase();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_call\",\"params\":[{\"to\":\"" + token
                + "\",\"data\":\"" + data + "\"},\"latest\"]}";
        HttpResponse<String> answer = sendAgainIfDead(HttpRequest.newBuilder(URI.create(rpcUrl))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new BigInteger(Json.parse(answer.body()).get("result").asText().substring(2), 16);
    }

    /**
     * The latest block's timestamp (epoch seconds). Hardhat gives each block a second more than the last, so the
     * setup's burst of blocks puts the chain's clock ahead of the wall clock until time catches up.
     */
    public long chainTime() throws IOException, InterruptedException {
        String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"latest\",false]}";
        HttpResponse<String> answer = sendAgainIfDead(HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(call)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Long.parseLong(Json.parse(answer.body()).get("result").get("timestamp").asText().substring(2), 16);
    }

    /** Pays url with the official client (v2 = @x402/fetch, v1 = x402-fetch); the one-line JSON pay.mjs prints. */
    public JsonNode pay(String client, String url, String key, String body) throws IOException, InterruptedException {
        return node("pay.mjs", "--client", client, "--url", url, "--key", key, "--body", body);
    }

    /** Pays with the official v2 client registered for that network only (so it pays the 402's entry on that chain). */
    public JsonNode payOn(String network, String url, String key, String body) throws IOException, InterruptedException {
        return node("pay.mjs", "--client", "v2", "--network", network, "--url", url, "--key", key, "--body", body);
    }

    /** Statistics of any facilitator of this network (e.g. the second chain's own). */
    public JsonNode facilitatorStats(String facilitatorUrl) throws IOException, InterruptedException {
        return Json.parse(sendAgainIfDead(HttpRequest.newBuilder(URI.create(facilitatorUrl + "/_test/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    /**
     * One payer paying {@code count} times at once with the official client (pay-many.mjs: one process, each payment
     * signed with its own nonce): each answer as pay.mjs prints it, or {@code {"error"}} where the client threw.
     */
    public List<JsonNode> payAtOnce(String client, String url, String key, String body, int count) throws IOException, InterruptedException {
        List<JsonNode> results = new ArrayList<>();
        node("pay-many.mjs", "--count", String.valueOf(count), "--client", client, "--url", url, "--key", key, "--body", body)
                .get("results").forEach(results::add);
        return results;
    }

    /** A fresh payer holding exactly this much USDC (fund.mjs mints it), to test a balance down to the unit. */
    public Payer fund(BigInteger atomic) throws IOException, InterruptedException {
        JsonNode payer = node("fund.mjs", "--rpc", rpcUrl(), "--atomic", atomic.toString());
        return new Payer(payer.get("address").asText(), payer.get("privateKey").asText());
    }

    /** A payer of this network: its address and private key (local test keys only). */
    public record Payer(String address, String key) {
    }

    /** A hand-made payment header (sign.mjs) with any field overridden, for the refusal cases. */
    public JsonNode sign(String... args) throws IOException, InterruptedException {
        return node("sign.mjs", args);
    }

    /** The official Bazaar package's reading of a PAYMENT-REQUIRED header (discovery.mjs). */
    public JsonNode discovery(String paymentRequiredHeader) throws IOException, InterruptedException {
        return node("discovery.mjs", "--header", paymentRequiredHeader);
    }

    /** A request of the test's own to the facilitator (GET when json is null), its status and body. */
    public HttpResponse<String> facilitatorRequest(String path, String authorization, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(facilitatorUrl() + path)).header("Content-Type", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request = json == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(json));
        return sendAgainIfDead(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode facilitatorStats() throws IOException, InterruptedException {
        return Json.parse(sendAgainIfDead(HttpRequest.newBuilder(URI.create(facilitatorUrl() + "/_test/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    public void facilitatorControl(String path, String json) throws IOException, InterruptedException {
        facilitatorControl(facilitatorUrl(), path, json);
    }

    /** A test control of any facilitator of this network (e.g. the second chain's own). */
    public void facilitatorControl(String facilitatorUrl, String path, String json) throws IOException, InterruptedException {
        sendAgainIfDead(HttpRequest.newBuilder(URI.create(facilitatorUrl + "/_test/" + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /**
     * Sends a request to the local network (a read, or a test control), once more on a fresh connection if the pooled
     * one was dead: node closes idle keep-alive connections after 5 s, and a request written into one that just closed
     * never reached it ("broken pipe", no answer), so sending it again cannot apply it twice.
     */
    private static <T> HttpResponse<T> sendAgainIfDead(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        try {
            return HTTP.send(request, body);
        } catch (IOException deadConnection) {
            return HTTP.send(request, body);
        }
    }

    private static JsonNode node(String script, String... args) throws IOException, InterruptedException {
        return script(Map.of(), script, args);
    }

    /** Runs one script of the local network's folder with these extra environment variables; its last stdout line, as JSON. */
    public static JsonNode script(Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        if (!Files.isDirectory(DIR.resolve("node_modules"))) {
            throw new IllegalStateException("Run `npm ci` in " + DIR + " first (.ci/run does)");
        }
        Files.createDirectories(TestPaths.output("x402-network.log").getParent());
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process p = builder.directory(DIR.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(TestPaths.output("x402-network.log").toFile())).start();
        // read on another thread: a script that hangs then fails the test after the limit instead of hanging it
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(script + " did not end within 120 s; see " + TestPaths.output("x402-network.log"));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(script + " failed (exit " + p.exitValue() + "); see " + TestPaths.output("x402-network.log"));
        }
        String out;
        try {
            out = stdout.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(script + "'s output could not be read", e);
        }
        String[] lines = out.split("\n");
        return Json.parse(lines[lines.length - 1]);
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // start.mjs stops when its stdin closes
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
