package dev.videogate.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.api.ErrorCodes;
import java.util.List;

/**
 * The shared answer schemas of the OpenAPI document (components/schemas), JSON Schema 2020-12 as OpenAPI 3.1 uses. They
 * describe what the Java renderers write (GenerationResponses, ChallengeAnswers, JsonAnswers, ModelListing, the admin
 * ledgers); the contract tests hold every answer the test suite receives against them, so a renderer that changes its
 * shape without them fails the build. Optional fields are left open (no additionalProperties: false): a client built
 * from an older document keeps working when a field is added.
 */
final class OpenApiSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenApiSchemas() {
    }

    /** @param ownCodes error codes the deployment's own YAML steps answer (app.api.extra-error-codes), after ours */
    static ObjectNode all(List<String> ownCodes) {
        ObjectNode s = JSON.createObjectNode();
        s.set("Error", error(ownCodes));
        s.set("PriceItem", object(List.of("item", "usd"))
                .set("properties", props("item", string("what the line prices: base, or option=value"), "usd", string("USD, as a decimal string"))));
        s.set("QueuePlace", queuePlace());
        s.set("PaymentChallenge", challenge());
        s.set("X402Requirement", requirement());
        s.set("GenerationAccepted", accepted());
        s.set("GenerationStatus", status());
        s.set("MyGenerations", myGenerations());
        s.set("Storage", storage());
        s.set("ModelList", modelList());
        s.set("X402Discovery", wellKnown());
        s.set("CallbackAck", object(List.of("code", "msg")).set("properties", props("code", integer(), "msg", string(null))));
        s.set("RefundLedger", ledger("refunds", "count", "owedAtomic", "deliveredAfterRefund"));
        s.set("LostCredits", ledger("lostCredits", "count", "creditsConsumed"));
        s.set("RefundRecorded", object(List.of("success", "generationId", "refundTx")).set("properties",
                props("success", constant(true), "generationId", string(null), "refundTx", string("0x + 64 hex"))));
        s.set("Reconciliation", object(List.of("payments", "settled", "settledAtomic", "mismatches")).set("properties",
                props("payments", integer(), "settled", integer(), "settledAtomic", string("atomic USDC units"),
                        "mismatches", integer())));
        s.set("WebhookDeliveries", ledger("webhooks", "count"));
        s.set("WebhookReplayed", object(List.of("success", "deliveryId", "status")).set("properties",
                props("success", constant(true), "deliveryId", integer(), "status", constant("pending"))));
        s.set("OpenApi", object(List.of("openapi", "info", "paths")).put("description", "An OpenAPI 3.1 document"));
        return s;
    }

    static ObjectNode ref(String schema) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private static ObjectNode error(List<String> ownCodes) {
        ObjectNode e = object(List.of("error", "message"));
        e.put("description", "Every error answer (but the 402 challenge of POST /api/generate): a stable code and a message");
        ObjectNode code = string("A stable code; docs/api.md says when each is answered");
        ArrayNode codes = code.putArray("enum");
        ErrorCodes.ERRORS.forEach(codes::add);
        ownCodes.stream().filter(c -> !ErrorCodes.ERRORS.contains(c)).forEach(codes::add);
        ObjectNode alternative = object(List.of("model")).set("properties", props("model", string(null),
                "description", string(null), "fromPriceUsd", string(null)));
        e.set("properties", props("success", constant(false), "error", code, "message", string(null),
                "alternatives", array(alternative).put("description", "model_paused, model_unavailable: models on sale now")));
        return e;
    }

    /** The 402 body: x402's own shape (x402Version, error, accepts: the v1 requirements when v1 is offered), with our price. */
    private static ObjectNode challenge() {
        ObjectNode c = object(List.of("success", "paymentRequired", "price", "code", "message"));
        c.put("description", "x402's PaymentRequired: the v2 requirements are in the PAYMENT-REQUIRED header (base64 JSON);"
                + " the body carries the v1 ones (x402Version 1, error, accepts) when v1 is offered, and the price of exactly"
                + " the request");
        ObjectNode code = string("payment_required: no payment sent; payment_invalid: refused by the check or the facilitator;"
                + " insufficient_funds: the payer's payments in flight already hold its balance");
        ErrorCodes.CHALLENGES.forEach(code.putArray("enum")::add);
        ObjectNode version = integer();
        version.putArray("enum").add(1).add(2);
        c.set("properties", props("x402Version", version, "error", string("x402's reason, free text"),
                "accepts", array(ref("X402Requirement")), "success", constant(false), "paymentRequired", constant(true),
                "price", number("USD"), "model", string(null), "priceBreakdown", array(ref("PriceItem")), "code", code,
                "message", string(null), "reason", string("x402's reason code of a refused payment")));
        return c;
    }

    private static ObjectNode requirement() {
        ObjectNode r = object(List.of("scheme", "network", "payTo", "asset"));
        r.set("properties", props("scheme", string(null), "network", string(null), "maxAmountRequired", string("atomic units (v1)"),
                "amount", string("atomic units (v2)"), "resource", string(null), "description", string(null),
                "mimeType", string(null), "payTo", string(null), "maxTimeoutSeconds", integer(), "asset", string(null),
                "extra", JSON.createObjectNode().put("type", "object"), "outputSchema", JSON.createObjectNode().put("type", "object")));
        return r;
    }

    private static ObjectNode queuePlace() {
        return object(List.of("position", "expectedWaitSeconds")).set("properties",
                props("position", integer(), "expectedWaitSeconds", number(null)));
    }

    private static ObjectNode accepted() {
        ObjectNode a = object(List.of("paymentRequired", "price", "generationId", "state", "statusUrl"));
        a.put("description", "POST /api/generate accepted the request: 200 once Kie.ai's task exists, 202 while it is queued"
                + " or unconfirmed; a paid one carries the accessToken that reads the result");
        a.set("properties", props("paymentRequired", constant(false), "price", number("USD"),
                "priceBreakdown", array(ref("PriceItem")), "model", string(null), "generationId", string(null),
                "kieTaskId", nullable("string"), "state", states(), "statusUrl", string("GET it for the state and result"),
                "accessToken", string("Authorization: Bearer <accessToken> reads this paid generation"),
                "payer", string(null), "paymentStatus", enumOf("held", "confirming"), "alreadyPaid", JSON.createObjectNode().put("type", "boolean"),
                "queue", ref("QueuePlace"), "message", string(null)));
        return a;
    }

    private static ObjectNode status() {
        ObjectNode s = object(List.of("success", "generationId", "state"));
        s.put("description", "Where a generation stands; once completed, its video URLs (ours once copied)");
        ObjectNode credits = JSON.createObjectNode().put("type", "object");
        credits.set("properties", props("consumed", nullable("number"), "remaining", nullable("number")));
        s.set("properties", props("success", JSON.createObjectNode().put("type", "boolean").put("description", "true when completed"),
                "generationId", string(null), "kieTaskId", nullable("string"), "type", nullable("string"), "state", states(),
                "result", nullable("string"), "resultUrls", array(string(null)), "originUrls", array(string(null)),
                "storage", ref("Storage"), "credits", credits, "failCode", nullable("string"), "failMsg", nullable("string"),
                "paymentStatus", enumOf("confirming"), "queue", ref("QueuePlace"), "queueDeadline", string("date-time"),
                "message", string(null)));
        return s;
    }

    /** GET /api/generations: each item as the status answer, with its model and when it was made; never a token. */
    private static ObjectNode myGenerations() {
        ObjectNode item = status();
        ((ObjectNode) item.get("properties")).set("model", string(null));
        ((ObjectNode) item.get("properties")).set("createdAt", string("date-time"));
        return object(List.of("wallet", "generations", "nextCursor")).set("properties", props("wallet", string("the signed-in wallet"),
                "generations", array(item), "nextCursor", nullable("string")));
    }

    private static ObjectNode storage() {
        ObjectNode file = object(List.of("url")).set("properties", props("url", string(null), "bytes", integer(),
                "sha256", string(null), "contentType", string(null)));
        return object(List.of("status")).set("properties", props("status", enumOf("copying", "stored", "failed", "removed"),
                "originExpiresAt", string("date-time"), "expiresAt", string("date-time"), "files", array(file)));
    }

    private static ObjectNode modelList() {
        ObjectNode model = object(List.of("model", "state", "options"));
        model.set("properties", props("model", string(null), "description", string(null),
                "state", enumOf("available", "paused", "disabled"), "pausedUntil", string("date-time"),
                "upstreamLive", JSON.createObjectNode().put("type", "boolean"), "kieModel", string(null), "kieFamily", string(null),
                "prompt", JSON.createObjectNode().put("type", "object"), "options", JSON.createObjectNode().put("type", "object"),
                "defaultPriceUsd", string(null), "queue", JSON.createObjectNode().put("type", "object")));
        return object(List.of("models")).set("properties", props("currency", string(null),
                "createQueue", JSON.createObjectNode().put("type", "object"), "models", array(model)));
    }

    private static ObjectNode wellKnown() {
        return object(List.of("version", "resources", "items")).set("properties", props("version", integer(),
                "resources", array(string(null)), "items", array(JSON.createObjectNode().put("type", "object")),
                "models", string(null), "openapi", string(null)));
    }

    /** An admin ledger: an array of rows (snake_case columns as in the database) and its totals. */
    private static ObjectNode ledger(String rows, String... totals) {
        ObjectNode l = JSON.createObjectNode().put("type", "object");
        ArrayNode required = l.putArray("required").add(rows);
        ObjectNode properties = l.putObject("properties");
        properties.set(rows, array(JSON.createObjectNode().put("type", "object")));
        for (String total : totals) {
            required.add(total);
            ObjectNode figure = properties.putObject(total);
            figure.putArray("type").add("integer").add("string"); // atomic amounts are strings: past 2^53
        }
        return l;
    }

    private static ObjectNode states() {
        // what a caller reads (the row's own pending, creating, unconfirmed... are told as processing)
        return enumOf("queued", "processing", "completed", "failed")
                .put("description", "queued: waits for Kie.ai's create rate; processing; completed; failed");
    }

    static ObjectNode object(List<String> required) {
        ObjectNode o = JSON.createObjectNode().put("type", "object");
        required.forEach(o.putArray("required")::add);
        return o;
    }

    private static ObjectNode props(Object... nameSchema) {
        ObjectNode p = JSON.createObjectNode();
        for (int i = 0; i < nameSchema.length; i += 2) {
            p.set((String) nameSchema[i], (ObjectNode) nameSchema[i + 1]);
        }
        return p;
    }

    static ObjectNode string(String description) {
        ObjectNode s = JSON.createObjectNode().put("type", "string");
        if ("date-time".equals(description)) {
            s.put("format", "date-time");
        } else if (description != null) {
            s.put("description", description);
        }
        return s;
    }

    private static ObjectNode integer() {
        return JSON.createObjectNode().put("type", "integer");
    }

    private static ObjectNode number(String description) {
        ObjectNode n = JSON.createObjectNode().put("type", "number");
        return description == null ? n : n.put("description", description);
    }

    private static ObjectNode nullable(String type) {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("type").add(type).add("null");
        return n;
    }

    private static ObjectNode constant(Object value) {
        ObjectNode c = JSON.createObjectNode();
        if (value instanceof Boolean b) {
            c.put("type", "boolean").put("const", b);
        } else {
            c.put("type", "string").put("const", value.toString());
        }
        return c;
    }

    private static ObjectNode enumOf(String... values) {
        ObjectNode e = JSON.createObjectNode().put("type", "string");
        ArrayNode list = e.putArray("enum");
        for (String v : values) {
            list.add(v);
        }
        return e;
    }

    static ObjectNode array(ObjectNode items) {
        ObjectNode a = JSON.createObjectNode().put("type", "array");
        a.set("items", items);
        return a;
    }
}
