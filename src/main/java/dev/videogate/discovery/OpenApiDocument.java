package dev.videogate.discovery;

import static dev.videogate.discovery.OpenApiSchemas.ref;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelCatalog;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * GET /api/openapi.json: the HTTP API as OpenAPI 3.1, every operation with its parameters, request body (POST
 * /api/generate's made from the catalog: one schema per model) and every status it answers, with real schemas
 * ({@link OpenApiSchemas}). Tests hold it against the endpoints the routes serve, validate it with a standard OpenAPI
 * parser, and validate every answer the test suite receives against it; a client is generated from it in the build.
 */
public class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETRY_AFTER = "Retry-After";

    /** What an error code may be: lower-case words joined by underscores, as the bundle's own. */
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private final ModelCatalog catalog;
    private final String publicBaseUrl;
    private final List<String> ownCodes;

    public OpenApiDocument(ModelCatalog catalog, String publicBaseUrl) {
        this(catalog, publicBaseUrl, List.of());
    }

    /**
     * @param ownCodes the error codes a deployment's own YAML steps answer (app.api.extra-error-codes), listed in the
     *                 Error schema after the bundle's, so that a client generated from this document reads them
     */
    public OpenApiDocument(ModelCatalog catalog, String publicBaseUrl, List<String> ownCodes) {
        for (String code : ownCodes) {
            if (!CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("app.api.extra-error-codes: '" + code
                        + "' is not an error code (lower-case letters and digits in words joined by '_', e.g. blocked_word)");
            }
        }
        this.catalog = catalog;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.ownCodes = List.copyOf(new LinkedHashSet<>(ownCodes));
    }

    public String render() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "x402 video gateway");
        info.put("version", "1");
        info.put("description", "AI video generations paid per request with x402 (HTTP 402 + USDC). POST /api/generate without "
                + "payment answers 402 with the requirements (PAYMENT-REQUIRED header, x402 v2; the v1 body); pay with an x402 client "
                + "and send the same request again with PAYMENT-SIGNATURE (v2) or X-PAYMENT (v1). Every error is "
                + "{\"success\":false,\"error\":code,\"message\":...} (schema Error). Answered before any operation is known, "
                + "on any path, with that shape: 404 not_found, 405 method_not_allowed (with Allow), 408 request_timeout, "
                + "414 uri_too_long, 431 headers_too_large.");
        doc.putArray("servers").addObject().put("url", publicBaseUrl);
        ObjectNode paths = doc.putObject("paths");
        generate(paths.putObject("/api/generate").putObject("post"));
        status(paths.putObject("/api/generate/{generationId}").putObject("get"));
        file(paths.putObject("/api/generate/{generationId}/files/{fileIndex}").putObject("get"));
        free(paths, "/api/models", "listModels", "Models on sale, their options, defaults, price rules and state", "ModelList");
        free(paths, "/api/openapi.json", "openApi", "This document", "OpenApi");
        free(paths, "/.well-known/x402", "x402Discovery", "The paid resources of this origin (x402 discovery)", "X402Discovery");
        signInWithX(paths);
        callback(paths.putObject("/api/callback").putObject("post"));
        admin(paths);

        ObjectNode components = doc.putObject("components");
        components.set("schemas", OpenApiSchemas.all(ownCodes));
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("accessToken").put("type", "http").put("scheme", "bearer")
                .put("description", "The accessToken of the paid answer");
        schemes.putObject("adminToken").put("type", "http").put("scheme", "bearer").put("description", "app.admin.token");
        schemes.putObject("signInWithX").put("type", "apiKey").put("in", "header").put("name", "SIGN-IN-WITH-X")
                .put("description", "Sign-in-with-x proof (base64 JSON) signed by the wallet that paid: take the challenge from the"
                        + " sign-in-with-x extension of a 402 of POST /api/generate; each proof is good once");
        return doc.toString();
    }

    private void generate(ObjectNode op) {
        op.put("operationId", "generate");
        op.put("summary", "Start a paid video generation");
        ArrayNode parameters = op.putArray("parameters");
        header(parameters, "PAYMENT-SIGNATURE", "x402 v2 payment (base64 JSON)");
        header(parameters, "X-PAYMENT", "x402 v1 payment (base64 JSON)");
        header(parameters, "Idempotency-Key", "16-255 visible characters; a retry of the same payment gets its accessToken again only with this key");
        ObjectNode body = op.putObject("requestBody");
        body.put("required", true);
        ObjectNode schema = body.putObject("content").putObject("application/json").putObject("schema");
        schema.put("description", "One model's request: model, prompt and that model's options (GET /api/models)");
        ArrayNode oneOf = schema.putArray("oneOf");
        for (CatalogModel model : catalog.all()) {
            oneOf.add(BazaarDiscovery.bodySchema(model).put("title", model.name()));
        }
        ObjectNode r = op.putObject("responses");
        json(r, "200", "Started and paid: generationId, accessToken, price, priceBreakdown (PAYMENT-RESPONSE header)", "GenerationAccepted")
                .putObject("headers").set("PAYMENT-RESPONSE", headerSchema("x402 settlement (base64 JSON), when paid"));
        json(r, "202", "Started; the payment (or Kie.ai's confirmation) is being confirmed; or queued (state queued: Kie.ai"
                + " is at its create rate; the payment is held, settled once the task exists): follow statusUrl", "GenerationAccepted");
        error(r, "400", "Invalid request: invalid_json, missing_field, invalid_field, invalid_media_url, unknown_model,"
                + " credentials_in_query, invalid_request");
        ObjectNode paymentRequired = r.putObject("402");
        paymentRequired.put("description", "Payment required or refused: the x402 requirements (PAYMENT-REQUIRED header) and the"
                + " price (PaymentChallenge); or the facilitator refused to settle (Error payment_not_settled: nothing charged)");
        paymentRequired.putObject("headers").set("PAYMENT-REQUIRED", headerSchema("x402 v2 PaymentRequired (base64 JSON)"));
        ArrayNode either = paymentRequired.putObject("content").putObject("application/json").putObject("schema").putArray("oneOf");
        either.add(ref("PaymentChallenge"));
        either.add(ref("Error"));
        error(r, "409", "payment_in_progress (the same payment is being bought by another request; Retry-After) or"
                + " payment_already_used").set("headers", retryAfter());
        error(r, "413", "body_too_large");
        error(r, "415", "unsupported_media_type: send the body as application/json");
        error(r, "422", "upstream_rejected_input: Kie.ai refused the model's input; nothing charged");
        error(r, "429", "upstream_rate_limited: Kie.ai rate-limits us; nothing charged").set("headers", retryAfter());
        common(r);
        error(r, "502", "upstream_error, upstream_unreachable, upstream_auth_failed, upstream_not_found: nothing charged");
        error(r, "503", "model_paused or model_unavailable (with alternatives), payment_facilitator_unavailable,"
                + " upstream_out_of_credits, upstream_maintenance, upstream_feature_disabled, url_check_unavailable, queue_full"
                + " (before payment), database_unavailable, starting: retry after Retry-After").set("headers", retryAfter());
        error(r, "504", "upstream_timeout: an upstream did not answer in time; nothing charged");
    }

    private static void status(ObjectNode op) {
        op.put("operationId", "generationStatus");
        op.put("summary", "A generation's state and, once completed and paid, its video URL");
        ArrayNode parameters = pathParameter(op, "generationId");
        ObjectNode poll = parameters.addObject().put("name", "poll").put("in", "query").put("required", false)
                .put("description", "true: wait until the generation ends (up to app.longpoll.timeout-ms)");
        poll.putObject("schema").put("type", "boolean");
        // a free generation (x402 off) is read without a token; a paid one only with its accessToken
        ArrayNode security = op.putArray("security");
        security.addObject();
        security.addObject().putArray("accessToken");
        ObjectNode r = op.putObject("responses");
        json(r, "200", "The generation (state queued, processing, completed or failed)", "GenerationStatus");
        error(r, "400", "credentials_in_query (the token goes in Authorization), invalid_request");
        error(r, "401", "access_token_required: a paid generation is read with Authorization: Bearer <accessToken>")
                .set("headers", wwwAuthenticate());
        error(r, "402", "payment_not_settled: its payment was not settled; the result is withheld");
        error(r, "404", "not_found: no generation with this id");
        common(r);
        error(r, "503", "too_many_waiting (too many ?poll=true callers held), database_unavailable, starting: retry after"
                + " Retry-After").set("headers", retryAfter());
    }

    private static void file(ObjectNode op) {
        op.put("operationId", "resultFile");
        op.put("summary", "Our own copy of a result file (0 = result), streamed; one Range: bytes= range is honoured (206)");
        ArrayNode parameters = pathParameter(op, "generationId");
        parameters.addObject().put("name", "fileIndex").put("in", "path").put("required", true).putObject("schema")
                .put("type", "integer").put("minimum", 0).put("maximum", 99);
        header(parameters, "Range", "bytes=<first>-<last>, bytes=<first>- or bytes=-<suffix length>");
        ArrayNode security = op.putArray("security");
        security.addObject();
        security.addObject().putArray("accessToken");
        ObjectNode r = op.putObject("responses");
        video(r, "200", "The whole file");
        video(r, "206", "The range asked for, with Content-Range");
        error(r, "400", "credentials_in_query, invalid_request");
        error(r, "401", "access_token_required: a paid generation's files are read with Authorization: Bearer <accessToken>")
                .set("headers", wwwAuthenticate());
        error(r, "402", "payment_not_settled: its payment was not settled, or was refunded: the file is withheld");
        error(r, "404", "not_found: no such generation or file; copy_failed: no copy could be made (see originUrls)");
        error(r, "409", "copy_pending (the copy is being made) or payment_confirming: retry after Retry-After")
                .set("headers", retryAfter());
        error(r, "410", "copy_removed: the copy was removed after the retention period");
        error(r, "416", "range_not_satisfiable: the range does not fit the file (Content-Range: bytes */<size>)");
        common(r);
        error(r, "503", "database_unavailable, starting: retry after Retry-After").set("headers", retryAfter());
    }

    private static void free(ObjectNode paths, String path, String id, String summary, String schema) {
        ObjectNode op = paths.putObject(path).putObject("get");
        op.put("operationId", id);
        op.put("summary", summary);
        ObjectNode r = op.putObject("responses");
        json(r, "200", summary, schema);
        error(r, "400", "credentials_in_query, invalid_request");
        common(r);
        error(r, "503", "starting: retry after Retry-After").set("headers", retryAfter());
    }

    /**
     * Sign-in-with-x (routes/55-my-generations.yaml): the paying wallet's proof opens its generations as the access token
     * does (status, files), and lists them.
     */
    private static void signInWithX(ObjectNode paths) {
        for (String path : List.of("/api/generate/{generationId}", "/api/generate/{generationId}/files/{fileIndex}")) {
            ObjectNode op = (ObjectNode) paths.get(path).get("get");
            ((ArrayNode) op.get("security")).addObject().putArray("signInWithX");
            ObjectNode r = (ObjectNode) op.get("responses");
            ((ObjectNode) r.get("401")).put("description", r.get("401").get("description").asText()
                    + "; or a SIGN-IN-WITH-X proof refused (siwx_* codes, WWW-Authenticate: SIGN-IN-WITH-X)");
            error(r, "403", "siwx_not_payer: the signed-in wallet did not pay for this generation");
        }
        ObjectNode op = paths.putObject("/api/generations").putObject("get");
        op.put("operationId", "myGenerations");
        op.put("summary", "The signed-in wallet's generations, newest first, a page at a time");
        ArrayNode parameters = op.putArray("parameters");
        parameters.addObject().put("name", "limit").put("in", "query").put("required", false).putObject("schema")
                .put("type", "integer").put("minimum", 1).put("maximum", 100).put("default", 20);
        parameters.addObject().put("name", "cursor").put("in", "query").put("required", false)
                .put("description", "nextCursor of the page before").putObject("schema").put("type", "string");
        op.putArray("security").addObject().putArray("signInWithX");
        ObjectNode r = op.putObject("responses");
        json(r, "200", "The wallet's generations, newest first; nextCursor is null on the last page", "MyGenerations");
        error(r, "400", "invalid_limit, invalid_cursor, credentials_in_query (the proof goes in its header), invalid_request");
        error(r, "401", "siwx_required (no proof), or a proof refused: siwx_invalid, siwx_bad_signature, siwx_wrong_domain,"
                + " siwx_wrong_uri, siwx_wrong_chain, siwx_unknown_nonce, siwx_expired, siwx_not_yet_valid, siwx_replayed")
                .set("headers", wwwAuthenticate());
        common(r);
        error(r, "503", "database_unavailable, starting: retry after Retry-After").set("headers", retryAfter());
    }

    private static void callback(ObjectNode op) {
        op.put("operationId", "kieCallback");
        op.put("summary", "For Kie.ai: a task ended (confirmed with Kie.ai before anything is recorded)");
        ArrayNode parameters = op.putArray("parameters");
        ObjectNode generation = parameters.addObject().put("name", "generation").put("in", "query").put("required", false)
                .put("description", "The generation our callBackUrl named (Kie.ai sends it back)");
        generation.putObject("schema").put("type", "string");
        header(parameters, "X-Webhook-Timestamp", "Kie.ai's signature time (with a webhook key configured)");
        header(parameters, "X-Webhook-Signature", "base64(HMAC-SHA256(key, taskId + \".\" + X-Webhook-Timestamp))");
        ObjectNode body = op.putObject("requestBody");
        body.put("required", true);
        ObjectNode schema = body.putObject("content").putObject("application/json").putObject("schema");
        schema.put("type", "object").put("description", "Kie.ai's callback: its data.taskId (a hint: Kie.ai is asked what happened)");
        ObjectNode r = op.putObject("responses");
        json(r, "200", "Acknowledged", "CallbackAck");
        error(r, "400", "invalid_json, missing_field (no data.taskId), credentials_in_query, invalid_request");
        error(r, "401", "invalid_signature: X-Webhook-Signature missing or wrong");
        error(r, "404", "unknown_task: no generation has this Kie.ai task id");
        error(r, "413", "body_too_large");
        error(r, "415", "unsupported_media_type");
        error(r, "422", "upstream_rejected_input: Kie.ai refused the confirmation read (recordInfo) of the task");
        error(r, "429", "callback_throttled: the generation it names was looked up moments ago; send it again after Retry-After")
                .set("headers", retryAfter());
        common(r);
        error(r, "502", "upstream_error, upstream_unreachable, upstream_auth_failed, upstream_not_found: Kie.ai's confirmation failed");
        error(r, "503", "database_unavailable, upstream_maintenance, starting: retry after Retry-After").set("headers", retryAfter());
        error(r, "504", "upstream_timeout: Kie.ai's confirmation did not come in time");
    }

    private static void admin(ObjectNode paths) {
        ObjectNode refunds = adminGet(paths, "/api/admin/refunds", "refunds",
                "Refund ledger: paid generations that failed (JSON, or CSV with format=csv or Accept: text/csv)", "RefundLedger", true);
        query(refunds, "all", "boolean", "true: refunded entries too");
        adminGet(paths, "/api/admin/lost-credits", "lostCredits",
                "Kie.ai credits spent on work whose payment failed (JSON, or CSV)", "LostCredits", true);
        adminGet(paths, "/api/admin/reconciliation", "reconciliation", "The database checked against the chain", "Reconciliation", false);
        ObjectNode webhooks = adminGet(paths, "/api/admin/webhooks", "webhooks", "Webhook deliveries by status (dead by default)",
                "WebhookDeliveries", false);
        ObjectNode status = ((ArrayNode) webhooks.get("parameters")).addObject().put("name", "status").put("in", "query")
                .put("required", false).put("description", "Which deliveries (dead by default)");
        status.putObject("schema").put("type", "string").putArray("enum").add("dead").add("pending").add("delivered");

        ObjectNode record = adminPost(paths, "/api/admin/refunds/{generationId}", "generationId", "recordRefund",
                "Record the refund transaction of a ledger entry", "RefundRecorded");
        ObjectNode body = record.putObject("requestBody");
        body.put("required", true);
        ObjectNode tx = body.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
        tx.putArray("required").add("refundTx");
        tx.putObject("properties").putObject("refundTx").put("type", "string").put("pattern", "^0x[0-9a-fA-F]{64}$");
        error((ObjectNode) record.get("responses"), "413", "body_too_large");
        error((ObjectNode) record.get("responses"), "415", "unsupported_media_type");
        adminPost(paths, "/api/admin/webhooks/{deliveryId}/replay", "deliveryId", "replayWebhook",
                "Send a dead webhook delivery again", "WebhookReplayed");
    }

    private static ObjectNode adminGet(ObjectNode paths, String path, String id, String summary, String schema, boolean csv) {
        ObjectNode op = paths.putObject(path).putObject("get");
        op.put("operationId", id);
        op.put("summary", summary);
        ArrayNode parameters = op.putArray("parameters");
        if (csv) {
            ObjectNode format = parameters.addObject().put("name", "format").put("in", "query").put("required", false)
                    .put("description", "csv: the ledger as CSV (as Accept: text/csv)");
            format.putObject("schema").put("type", "string").putArray("enum").add("json").add("csv");
        }
        op.putArray("security").addObject().putArray("adminToken");
        ObjectNode r = op.putObject("responses");
        ObjectNode ok = json(r, "200", summary, schema);
        if (csv) {
            ((ObjectNode) ok.get("content")).putObject("text/csv").putObject("schema").put("type", "string");
        }
        adminErrors(r);
        return op;
    }

    private static ObjectNode adminPost(ObjectNode paths, String path, String parameter, String id, String summary, String schema) {
        ObjectNode op = paths.putObject(path).putObject("post");
        op.put("operationId", id);
        op.put("summary", summary);
        pathParameter(op, parameter);
        op.putArray("security").addObject().putArray("adminToken");
        ObjectNode r = op.putObject("responses");
        json(r, "200", summary, schema);
        adminErrors(r);
        return op;
    }

    private static void adminErrors(ObjectNode r) {
        error(r, "400", "invalid_json, invalid_field, credentials_in_query, invalid_request");
        error(r, "401", "admin_token_required: Authorization: Bearer <app.admin.token>").set("headers", wwwAuthenticate());
        error(r, "404", "not_found: no admin token is configured (the endpoint is hidden), or no such entry; not_in_ledger:"
                + " no refund is owed for this generation");
        common(r);
        error(r, "502", "upstream_error, upstream_unreachable: the chain's RPC failed (reconciliation)");
        error(r, "503", "database_unavailable, starting: retry after Retry-After").set("headers", retryAfter());
        error(r, "504", "upstream_timeout: the chain's RPC did not answer in time (reconciliation)");
    }

    private static void query(ObjectNode op, String name, String type, String description) {
        ObjectNode p = ((ArrayNode) op.get("parameters")).addObject().put("name", name).put("in", "query").put("required", false)
                .put("description", description);
        p.putObject("schema").put("type", type);
    }

    /** What any operation may answer: 500 (a failure of the gateway's own). */
    private static void common(ObjectNode r) {
        error(r, "500", "internal_error: a failure of the gateway's own, no details");
    }

    /** The operation's parameters, starting with the required string path parameter. */
    private static ArrayNode pathParameter(ObjectNode operation, String name) {
        ArrayNode parameters = operation.putArray("parameters");
        parameters.addObject().put("name", name).put("in", "path").put("required", true).putObject("schema").put("type", "string");
        return parameters;
    }

    private static void header(ArrayNode parameters, String name, String description) {
        parameters.addObject().put("name", name).put("in", "header").put("required", false).put("description", description)
                .putObject("schema").put("type", "string");
    }

    private static ObjectNode json(ObjectNode responses, String status, String description, String schema) {
        ObjectNode r = responses.putObject(status);
        r.put("description", description);
        r.putObject("content").putObject("application/json").set("schema", ref(schema));
        return r;
    }

    private static ObjectNode error(ObjectNode responses, String status, String description) {
        return json(responses, status, description, "Error");
    }

    private static void video(ObjectNode responses, String status, String description) {
        responses.putObject(status).put("description", description).putObject("content").putObject("video/*")
                .putObject("schema").put("type", "string").put("contentMediaType", "video/*");
    }

    private static ObjectNode headerSchema(String description) {
        ObjectNode h = JSON.createObjectNode().put("description", description);
        h.putObject("schema").put("type", "string");
        return h;
    }

    private static ObjectNode retryAfter() {
        ObjectNode headers = JSON.createObjectNode();
        ObjectNode h = headers.putObject(RETRY_AFTER).put("description", "Seconds to wait before trying again");
        h.putObject("schema").put("type", "integer");
        return headers;
    }

    private static ObjectNode wwwAuthenticate() {
        ObjectNode headers = JSON.createObjectNode();
        headers.set("WWW-Authenticate", headerSchema("Bearer"));
        return headers;
    }
}
