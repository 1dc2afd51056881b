package dev.videogate.kie.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A tiny real-HTTP client of the simulator for tests. */
final class SimClient {

    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode body, String contentType) {
        int code() {
            return body.path("code").asInt();
        }

        String msg() {
            return body.path("msg").asText();
        }

        JsonNode data() {
            return body.path("data");
        }
    }

    /** One client for all tests: building an HttpClient is slow the first time. */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpClient http = HTTP;
    private final String baseUrl;
    private final String key;

    SimClient(KieSimulator sim) {
        this(sim.baseUrl(), sim.apiKey());
    }

    SimClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    static ObjectNode request(String model, String prompt, String callBackUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        if (callBackUrl != null) {
            body.put("callBackUrl", callBackUrl);
        }
        ObjectNode input = body.putObject("input");
        input.put("prompt", prompt);
        // the cheapest valid choice of each model's required fields, so that tests about other things pass the rules
        if (model.startsWith("sora-2")) {
            input.put("aspect_ratio", "landscape");
            input.put("n_frames", "10");
            input.put("remove_watermark", true);
        }
        if (model.startsWith("kling-2.6/")) {
            input.put("sound", false);
            input.put("duration", "5");
            if (model.endsWith("text-to-video")) {
                input.put("aspect_ratio", "16:9");
            }
        }
        if (model.equals("bytedance/seedance-1.5-pro")) {
            input.put("aspect_ratio", "16:9");
        }
        return body; // image-to-video models still need image_urls: tests add them
    }

    /** A veo/generate body: prompt, model (null = left out) and callBackUrl (null = left out). */
    static ObjectNode veoRequest(String model, String prompt, String callBackUrl) {
        ObjectNode body = JSON.createObjectNode();
        body.put("prompt", prompt);
        if (model != null) {
            body.put("model", model);
        }
        if (callBackUrl != null) {
            body.put("callBackUrl", callBackUrl);
        }
        body.put("aspect_ratio", "16:9");
        return body;
    }

    Answer veoGenerate(JsonNode body) {
        return veoGenerate(body.toString(), key);
    }

    Answer veoGenerate(String body, String withKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/veo/generate"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withKey != null) {
            b.header("Authorization", "Bearer " + withKey);
        }
        return send(b.build());
    }

    String veoGenerateOk(JsonNode body) {
        Answer a = veoGenerate(body);
        if (a.status() != 200 || a.code() != 200) {
            fail("veo/generate failed: " + a);
        }
        return a.data().path("taskId").asText();
    }

    Answer veoRecordInfo(String taskId) {
        return getJson("/veo/record-info" + (taskId == null ? "" : "?taskId=" + taskId), key);
    }

    Answer veo1080p(String taskId, Integer index) {
        return getJson("/veo/get-1080p-video?taskId=" + taskId + (index == null ? "" : "&index=" + index), key);
    }

    Answer getJson(String pathAndQuery, String withKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET();
        if (withKey != null) {
            b.header("Authorization", "Bearer " + withKey);
        }
        return send(b.build());
    }

    /** Polls veo/record-info until successFlag is not 0, or fails after 5 s. */
    JsonNode awaitVeoEnd(String taskId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Answer a = veoRecordInfo(taskId);
            last = a.body();
            if (a.code() == 200 && a.data().path("successFlag").asInt() != 0) {
                return a.data();
            }
            Thread.sleep(20);
        }
        return fail("Veo task " + taskId + " never ended; last answer " + last);
    }

    Answer create(JsonNode body) {
        return create(body.toString(), key);
    }

    Answer create(String body, String withKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/createTask"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withKey != null) {
            b.header("Authorization", "Bearer " + withKey);
        }
        return send(b.build());
    }

    String createOk(String model, String prompt, String callBackUrl) {
        Answer a = create(request(model, prompt, callBackUrl));
        if (a.status() != 200 || a.code() != 200) {
            fail("createTask failed: " + a);
        }
        return a.data().path("taskId").asText();
    }

    Answer recordInfo(String taskId) {
        return recordInfo(taskId, key, Duration.ofSeconds(5));
    }

    Answer recordInfo(String taskId, String withKey, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/jobs/recordInfo"
                + (taskId == null ? "" : "?taskId=" + taskId))).timeout(timeout).GET();
        if (withKey != null) {
            b.header("Authorization", "Bearer " + withKey);
        }
        return send(b.build());
    }

    Answer credit() {
        return credit(key);
    }

    Answer credit(String withKey) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/chat/credit"))
                .timeout(Duration.ofSeconds(5)).GET();
        if (withKey != null) {
            b.header("Authorization", "Bearer " + withKey);
        }
        return send(b.build());
    }

    HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Polls recordInfo until the record matches, or fails after the timeout. */
    JsonNode awaitRecord(String taskId, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Answer a = recordInfo(taskId);
            last = a.body();
            if (a.code() == 200 && done.test(a.data())) {
                return a.data();
            }
            Thread.sleep(20);
        }
        return fail("record of " + taskId + " never matched; last answer " + last);
    }

    JsonNode awaitEnd(String taskId) throws InterruptedException {
        return awaitRecord(taskId, d -> d.path("state").asText().matches("success|fail"), Duration.ofSeconds(5));
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), JSON.readTree(r.body()),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
