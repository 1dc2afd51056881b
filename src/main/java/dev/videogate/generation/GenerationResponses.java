package dev.videogate.generation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.Conflict;
import dev.videogate.api.NotFound;
import dev.videogate.api.PaymentRequired;
import dev.videogate.api.Unauthorized;
import dev.videogate.payment.PaymentContext;
import dev.videogate.payment.ReadTokens;
import dev.videogate.payment.Settlement;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/** The seed's response shapes, rendered from a generation row. */
public class GenerationResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final dev.videogate.queue.CreateQueue queue;
    private final String publicBaseUrl;
    private final int retentionDays;
    private final int originRetentionDays;

    /**
     * @param queue               the create queue: a queued generation's expected wait
     * @param publicBaseUrl       app.public-base-url: our own file URLs start with it
     * @param retentionDays       app.storage.retention-days: how long our copy is kept
     * @param originRetentionDays app.storage.origin-retention-days: how long Kie.ai keeps its files (14 days)
     */
    public GenerationResponses(dev.videogate.queue.CreateQueue queue, String publicBaseUrl, int retentionDays, int originRetentionDays) {
        this.queue = queue;
        this.publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        this.retentionDays = retentionDays;
        this.originRetentionDays = originRetentionDays;
    }

    /**
     * POST /api/generate when Kie.ai has no capacity now (202): the generation waits in the create queue, its payment
     * verified and held, not settled. Its task is created as capacity frees, and the payment settled then; if that
     * cannot happen before the payment expires, it ends failed and nothing is charged. The seed's accepted shape, with
     * "state":"queued", no kieTaskId yet, and the queue's figures.
     */
    public String queued(@Variable("generation") Generation generation, @Variable("payment") PaymentContext payment,
                         @Variable("queuePosition") Long position) {
        ObjectNode body = created(generation, null, "queued", payment, "held");
        putQueue(body, position == null ? 0 : position);
        body.put("message", QUEUED_MESSAGE);
        return body.toString();
    }

    private static final String QUEUED_MESSAGE = "Kie.ai is at its create rate: the generation waits its turn. Its task is"
            + " created as capacity frees and the payment is settled then; if that cannot happen before the payment expires,"
            + " it fails and nothing is charged. Follow statusUrl";

    private void putQueue(ObjectNode body, long position) {
        ObjectNode q = body.putObject("queue");
        q.put("position", position);
        q.put("expectedWaitSeconds", queue.expectedWaitSeconds(position));
    }

    /**
     * What every POST /api/generate answer of an accepted request starts with: the price, the ids, the state the
     * caller reads, and for a paid one the access token (paid results are read with it only) and the payment's status.
     */
    private static ObjectNode created(Generation generation, String kieTaskId, String state, PaymentContext payment, String paymentStatus) {
        ObjectNode body = JSON.createObjectNode();
        body.put("paymentRequired", false);
        body.put("price", generation.priceUsd());
        body.set("priceBreakdown", generation.priceBreakdownJson());
        body.put("model", generation.model());
        body.put("generationId", generation.generationId());
        body.put("kieTaskId", kieTaskId);
        body.put("state", state);
        body.put("statusUrl", "/api/generate/" + generation.generationId());
        if (payment != null) {
            body.put("accessToken", payment.readToken());
            body.put("payer", payment.payer());
            if (paymentStatus != null) {
                body.put("paymentStatus", paymentStatus);
            }
        }
        return body;
    }

    /** POST /api/generate answer once the Kie.ai task exists. */
    public String accepted(@Variable("generation") Generation generation, @Variable("payment") PaymentContext payment,
                           @Variable("kieTaskId") String kieTaskId, @Variable("settlement") Settlement settlement) {
        // "processing": what GET answers at the same moment (the row's own state is pending)
        ObjectNode body = created(generation, kieTaskId, "processing", payment, null);
        if (settlement != null && settlement.unknown()) {
            // never "not charged": the transfer may be on chain; the reconciler asks the chain and settles or fails it
            body.put("paymentStatus", "confirming");
            body.put("message", "The task was started; the payment is being confirmed. Read the result with the accessToken"
                    + " once it is (GET " + "/api/generate/" + generation.generationId() + ")");
        }
        return body.toString();
    }

    /**
     * POST /api/generate when createTask went out and its answer was lost (202): the task may exist. The row is kept,
     * bound to the payment; nothing is charged unless Kie.ai's callback brings the task while the payment is valid.
     */
    public String unconfirmed(@Variable("generation") Generation generation, @Variable("payment") PaymentContext payment) {
        ObjectNode body = created(generation, null, "processing", payment, "confirming");
        body.put("message", UNCONFIRMED_MESSAGE);
        return body.toString();
    }

    private static final String UNCONFIRMED_MESSAGE = "Kie.ai did not answer in time, so whether the task started is not"
            + " known yet. If it did, it is paid for and delivered when Kie.ai reports it; if not, the generation fails and"
            + " nothing is charged. Follow statusUrl";

    /**
     * POST /api/generate with a signed payment that already bought a generation (a retry, another instance, v1 or v2):
     * that generation, never a second task or charge. The signed authorization proves nothing about who sends it: it
     * is public once the transfer is on chain, and may be on chain already while the payment is settling or its
     * settlement unknown. So the access token goes only to a replay that carries the first request's Idempotency-Key,
     * in every payment state; a first request without one got its token in its own answer, and no replay ever does.
     */
    public String boughtBefore(@Variable("boughtBefore") Map<String, Object> row, @Variable("payment") PaymentContext payment,
                               @Variable("idempotencyKeyHash") String idempotencyKeyHash) {
        String state = (String) row.get("state");
        if ("creating".equals(state)) {
            throw new Conflict("payment_in_progress",
                    "This payment is being used by a request still in progress; retry in a moment for its generation", 2);
        }
        if ("failed".equals(row.get("payment_status"))) {
            throw new PaymentRequired("payment_not_settled", "This payment was used by generation " + row.get("id")
                    + ", which ended before it was charged; nothing was charged. Sign a new payment");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("paymentRequired", false);
        body.put("price", new BigDecimal(row.get("price_usd").toString()));
        body.put("generationId", (String) row.get("id"));
        body.put("kieTaskId", (String) row.get("kie_task_id"));
        body.put("state", GenerationStates.isFinal(state) || "queued".equals(state) ? state : "processing");
        body.put("statusUrl", "/api/generate/" + row.get("id"));
        body.put("payer", (String) row.get("payer"));
        body.put("alreadyPaid", true);
        if (IdempotencyKeys.matches(idempotencyKeyHash, (String) row.get("idempotency_key_hash"))) {
            body.put("accessToken", payment.readToken());
            body.put("message", "This payment already bought this generation; nothing new was started or charged");
        } else {
            body.put("message", "This payment already bought this generation; nothing new was started or charged. Its"
                    + " accessToken is given only with the Idempotency-Key the first request carried");
        }
        return body.toString();
    }

    /** Checks the id from the path before it reaches SQL: unknown shapes are simply not found. */
    public String validId(@Header("generationId") String id) {
        if (!GenerationIds.looksValid(id)) {
            throw new NotFound("not_found", "No generation with this id");
        }
        return id;
    }

    /** GET /api/generate/{id} answer: completed, failed, or still running. */
    public String status(@Body Map<String, Object> row, @Header("Authorization") String authorization,
                         @Variable("signIn") dev.videogate.siwx.SignIn signIn, Exchange exchange) {
        if (row == null || row.isEmpty()) {
            throw new NotFound("not_found", "No generation with this id");
        }
        // a paid one: the access token from the paid answer, or a sign-in of the wallet that paid (SIGN-IN-WITH-X)
        if (row.get("read_token_hash") != null && !ReadTokens.matches(authorization, (String) row.get("read_token_hash"))
                && !(signIn != null && signIn.paid(row.get("payer")))) {
            throw new Unauthorized("access_token_required",
                    "This generation was paid for: read it with Authorization: Bearer <accessToken> from the paid answer")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        return render(row, exchange);
    }

    /**
     * GET /api/generations: one page of the signed-in wallet's generations (rows of sql/select-my-generations.sql, one
     * more than the page when another follows), each as GET /api/generate/{id} answers it (a generation whose payment
     * was not kept shows its error instead), with its model and creation time; nextCursor reads the next page.
     */
    public String list(@Body java.util.List<Map<String, Object>> rows, @Variable("page") GenerationPages.Page page,
                       @Variable("signIn") dev.videogate.siwx.SignIn signIn) {
        ObjectNode body = JSON.createObjectNode();
        body.put("wallet", signIn.wallet());
        ArrayNode items = body.putArray("generations");
        int shown = Math.min(rows.size(), page.limit());
        for (Map<String, Object> row : rows.subList(0, shown)) {
            ObjectNode item = (ObjectNode) parse(statusForWebhook(row));
            if (item.has("error")) {
                item.put("generationId", (String) row.get("id"));
            }
            item.put("model", (String) row.get("model"));
            Object created = row.get("created_at");
            item.put("createdAt", created instanceof java.sql.Timestamp t ? t.toInstant().toString() : String.valueOf(created));
            items.add(item);
        }
        body.put("nextCursor", rows.size() > page.limit() ? GenerationPages.cursor((String) rows.get(shown - 1).get("id")) : null);
        return body.toString();
    }

    /** The status answer a webhook carries: what the payer would read (or its error), with no token to check. */
    public String statusForWebhook(Map<String, Object> row) {
        try {
            return render(row, null);
        } catch (ApiException e) {
            return dev.videogate.http.JsonAnswers.errorBody(e.code(), e.getMessage()).toString();
        }
    }

    private String render(Map<String, Object> row, Exchange exchange) {
        String paymentStatus = (String) row.get("payment_status");
        // a generation whose task never existed (the queue's deadline passed, or Kie.ai refused it later) has no result
        // to withhold: its failure is the answer, and its payment was never settled
        boolean neverCreated = "failed".equals(row.get("state")) && row.get("kie_task_id") == null
                && row.get("fail_code") != null && "failed".equals(paymentStatus)
                && String.valueOf(row.get("payment_error")).startsWith("not_settled: " + row.get("fail_code"));
        if (!neverCreated && ("failed".equals(paymentStatus) || "unpaid".equals(paymentStatus))) {
            throw new PaymentRequired("payment_not_settled", "The payment for this generation was not settled ("
                    + row.get("payment_error") + "); its result is not released");
        }
        boolean confirming = !neverCreated && paymentStatus != null && !"settled".equals(paymentStatus);
        String state = (String) row.get("state");
        if (confirming && GenerationStates.isFinal(state)) {
            state = "processing"; // nothing is released before the money is known to have moved
        }
        boolean done = GenerationStates.isFinal(state);
        if (exchange != null) {
            exchange.setVariable("final", done);
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("success", "completed".equals(state));
        body.put("generationId", (String) row.get("id"));
        body.put("kieTaskId", (String) row.get("kie_task_id"));
        body.put("type", (String) row.get("type"));
        if ("completed".equals(state)) {
            ArrayNode origin = urls(row.get("result_urls"));
            ArrayNode urls = ownCopies(body, row, origin);
            body.put("result", urls.isEmpty() ? null : urls.get(0).asText());
            body.set("resultUrls", urls);
            body.set("originUrls", origin);
            body.put("state", "completed");
            ObjectNode credits = body.putObject("credits");
            putNumber(credits, "consumed", row.get("credits_consumed"));
            putNumber(credits, "remaining", row.get("credits_remaining"));
        } else if ("failed".equals(state)) {
            body.put("state", "failed");
            body.put("failCode", (String) row.get("fail_code"));
            body.put("failMsg", (String) row.get("fail_msg"));
            body.put("message", failedMessage((String) row.get("fail_msg")));
        } else if (confirming && GenerationStates.isFinal((String) row.get("state"))) {
            body.put("state", "processing");
            body.put("paymentStatus", "confirming");
            body.put("message", "The video is ready; the payment is being confirmed, and the result is released once it is");
        } else if ("queued".equals(state)) {
            body.put("state", "queued");
            Object position = row.get("queue_position");
            putQueue(body, position == null ? 1 : ((Number) position).longValue());
            if (row.get("queue_deadline") != null) {
                Object deadline = row.get("queue_deadline");
                body.put("queueDeadline", deadline instanceof java.sql.Timestamp t ? t.toInstant().toString() : deadline.toString());
            }
            body.put("message", QUEUED_MESSAGE.replace(" Follow statusUrl", ""));
        } else if ("unconfirmed".equals(state)) {
            body.put("state", "processing");
            body.put("message", UNCONFIRMED_MESSAGE.replace(" Follow statusUrl", ""));
        } else {
            body.put("state", "processing");
            body.put("message", "pending".equals(state)
                    ? "Generation in progress (queued at Kie.ai)" : "Generation in progress");
        }
        return body.toString();
    }

    /**
     * The URLs a completed answer gives, file by file: ours once our copy is stored (read with the access token,
     * Range supported), Kie.ai's until then or when no copy could be made. Field storage says where the copies
     * stand: copying (Kie.ai's links meanwhile, with their expiry), stored (until when), failed, removed (retention).
     */
    private ArrayNode ownCopies(ObjectNode body, Map<String, Object> row, ArrayNode origin) {
        JsonNode copies = parse(row.get("copies"));
        ArrayNode urls = JSON.createArrayNode();
        if (!copies.isArray() || copies.isEmpty()) {
            urls.addAll(origin); // completed before copies were made: Kie.ai's links, as before
            return urls;
        }
        ObjectNode storage = body.putObject("storage");
        ArrayNode files = JSON.createArrayNode();
        int pending = 0;
        int stored = 0;
        int removed = 0;
        String firstStored = null;
        for (int i = 0; i < origin.size(); i++) {
            JsonNode copy = i < copies.size() ? copies.get(i) : JSON.createObjectNode();
            String status = copy.path("status").asText("pending");
            if ("stored".equals(status)) {
                stored++;
                String own = publicBaseUrl + "/api/generate/" + row.get("id") + "/files/" + i;
                urls.add(own);
                files.addObject().put("url", own).put("bytes", copy.path("bytes").asLong())
                        .put("sha256", copy.path("sha256").asText()).put("contentType", copy.path("contentType").asText());
                String at = copy.path("storedAt").asText(null);
                if (at != null && (firstStored == null || at.compareTo(firstStored) < 0)) {
                    firstStored = at;
                }
            } else {
                urls.add(origin.get(i));
                pending += "pending".equals(status) ? 1 : 0;
                removed += "removed".equals(status) ? 1 : 0;
            }
        }
        if (pending > 0) {
            storage.put("status", "copying");
            Object completedAt = row.get("completed_at");
            if (completedAt != null) {
                storage.put("originExpiresAt", instant(completedAt).plus(java.time.Duration.ofDays(originRetentionDays)).toString());
            }
            body.put("message", "The video is ready. Our own copy is being made; until it is, result is Kie.ai's link"
                    + " (kept by Kie.ai for " + originRetentionDays + " days). Read this answer again for ours");
        } else if (stored == origin.size()) {
            storage.put("status", "stored");
            if (firstStored != null) {
                storage.put("expiresAt", java.time.OffsetDateTime.parse(firstStored).toInstant()
                        .plus(java.time.Duration.ofDays(retentionDays)).toString());
            }
        } else if (removed > 0) {
            storage.put("status", "removed");
            body.put("message", "Our copy was kept " + retentionDays + " days and has been removed");
        } else {
            storage.put("status", "failed");
            body.put("message", "No copy of the video could be made; result is Kie.ai's link, kept by Kie.ai for "
                    + originRetentionDays + " days after the video was made");
        }
        if (!files.isEmpty()) {
            storage.set("files", files);
        }
        return urls;
    }

    private static java.time.Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return java.time.Instant.parse(value.toString());
    }

    private static JsonNode parse(Object json) {
        if (json == null) {
            return JSON.createArrayNode();
        }
        try {
            return JSON.readTree(json.toString());
        } catch (JsonProcessingException e) {
            return JSON.createArrayNode();
        }
    }

    private static ArrayNode urls(Object json) {
        if (json == null) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode node = JSON.readTree(json.toString());
            return node.isArray() ? (ArrayNode) node : JSON.createArrayNode();
        } catch (JsonProcessingException e) {
            return JSON.createArrayNode();
        }
    }

    private static void putNumber(ObjectNode node, String field, Object value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, new BigDecimal(value.toString()));
        }
    }

    /** "Generation failed: <why>", without saying it twice when Kie.ai's own message starts that way. */
    static String failedMessage(String failMsg) {
        if (failMsg == null || failMsg.isBlank()) {
            return "Generation failed";
        }
        return failMsg.regionMatches(true, 0, "Generation failed", 0, "Generation failed".length()) ? failMsg : "Generation failed: " + failMsg;
    }
}
