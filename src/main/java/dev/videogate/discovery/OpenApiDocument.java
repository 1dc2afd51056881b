package dev.videogate.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.videogate.catalog.CatalogModel;
import dev.videogate.catalog.ModelCatalog;

/**
 * GET /api/openapi.json: the HTTP API as OpenAPI 3.1, the request body of POST /api/generate made from the catalog
 * (one schema per model). A test holds it against the endpoints the routes really serve, so it cannot drift.
 */
public class OpenApiDocument {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelCatalog catalog;
    private final String publicBaseUrl;

    public OpenApiDocument(ModelCatalog catalog, String publicBaseUrl) {
        this.catalog = catalog;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    public String render() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("openapi", "3.1.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "x402 video gateway");
        info.put("version", "1");
        info.put("description", "AI video generations paid per request with x402 (HTTP 402 + USDC). POST /api/generate without "
                + "payment answers 402 with the requirements (PAYMENT-REQUIRED header, x402 v2; the v1 body); pay with an x402 client "
                + "and send the same request again with PAYMENT-SIGNATURE (v2) or X-PAYMENT (v1).");
        doc.putArray("servers").addObject().put("url", publicBaseUrl);
        ObjectNode paths = doc.putObject("paths");

        ObjectNode generate = paths.putObject("/api/generate").putObject("post");
        generate.put("operationId", "generate");
        generate.put("summary", "Start a paid video generation");
        ArrayNode headers = generate.putArray("parameters");
        header(headers, "PAYMENT-SIGNATURE", "x402 v2 payment (base64 JSON)");
        header(headers, "X-PAYMENT", "x402 v1 payment (base64 JSON)");
        header(headers, "Idempotency-Key", "16-255 visible characters; a retry of the same payment gets its accessToken again only with this key");
        ObjectNode body = generate.putObject("requestBody");
        body.put("required", true);
        ArrayNode oneOf = body.putObject("content").putObject("application/json").putObject("schema").putArray("oneOf");
        for (CatalogModel model : catalog.all()) {
            oneOf.add(BazaarDiscovery.bodySchema(model));
        }
        ObjectNode responses = generate.putObject("responses");
        response(responses, "200", "Started and paid: generationId, accessToken, price, priceBreakdown (PAYMENT-RESPONSE header)");
        response(responses, "202", "Started; the payment (or Kie.ai's confirmation) is being confirmed; or queued (state queued:"
                + " Kie.ai is at its create rate; the payment is held, settled once the task exists): follow statusUrl");
        response(responses, "400", "Invalid request (invalid_json, missing_field, invalid_field, invalid_media_url, unknown_model)");
        response(responses, "402", "Payment required or refused: the x402 requirements (PAYMENT-REQUIRED header) and price");
        response(responses, "409", "The same payment is in use by a request in progress");
        response(responses, "503", "Model paused or unavailable (with alternatives), facilitator, Kie.ai or the database"
                + " unavailable (database_unavailable: retry after Retry-After), or a URL's host name could not be checked in time"
                + " (url_check_unavailable), or Kie.ai's create queue is longer than a payment stays valid (queue_full, before"
                + " payment: retry after Retry-After)");

        ObjectNode status = paths.putObject("/api/generate/{generationId}").putObject("get");
        status.put("operationId", "generationStatus");
        status.put("summary", "A generation's state and, once completed and paid, its video URL");
        ArrayNode statusParams = pathParameter(status, "generationId");
        ObjectNode poll = statusParams.addObject().put("name", "poll").put("in", "query").put("required", false)
                .put("description", "true: wait until the generation ends (up to app.longpoll.timeout-ms)");
        poll.putObject("schema").put("type", "boolean");
        status.putArray("security").addObject().putArray("accessToken");
        ObjectNode statusResponses = status.putObject("responses");
        response(statusResponses, "200", "The generation (state queued, processing, completed or failed)");
        response(statusResponses, "401", "A paid generation is read with Authorization: Bearer <accessToken>");
        response(statusResponses, "402", "Its payment was not settled: the result is withheld");
        response(statusResponses, "404", "No generation with this id");
        response(statusResponses, "503", "Too many callers waiting (too_many_waiting), or the database is unavailable"
                + " (database_unavailable): retry after Retry-After");

        ObjectNode file = paths.putObject("/api/generate/{generationId}/files/{fileIndex}").putObject("get");
        file.put("operationId", "resultFile");
        file.put("summary", "Our own copy of a result file (0 = result), streamed; one Range: bytes= range is honoured (206)");
        ArrayNode fileParams = pathParameter(file, "generationId");
        fileParams.addObject().put("name", "fileIndex").put("in", "path").put("required", true).putObject("schema")
                .put("type", "integer").put("minimum", 0).put("maximum", 99);
        header(fileParams, "Range", "bytes=<first>-<last>, bytes=<first>- or bytes=-<suffix length>");
        file.putArray("security").addObject().putArray("accessToken");
        ObjectNode fileResponses = file.putObject("responses");
        fileResponses.putObject("200").put("description", "The whole file").putObject("content").putObject("video/*")
                .putObject("schema").put("type", "string").put("format", "binary");
        fileResponses.putObject("206").put("description", "The range asked for, with Content-Range").putObject("content")
                .putObject("video/*").putObject("schema").put("type", "string").put("format", "binary");
        response(fileResponses, "401", "A paid generation's files are read with Authorization: Bearer <accessToken>");
        response(fileResponses, "402", "Its payment was not settled, or was refunded: the file is withheld");
        response(fileResponses, "404", "No such generation or file, or no copy could be made (copy_failed: see originUrls)");
        response(fileResponses, "409", "The copy is being made (copy_pending), or the payment confirmed: retry after Retry-After");
        response(fileResponses, "410", "The copy was removed after the retention period (copy_removed)");
        response(fileResponses, "416", "The range does not fit the file (Content-Range: bytes */<size>)");

        signInWithX(paths, status, file);

        ObjectNode models = paths.putObject("/api/models").putObject("get");
        models.put("operationId", "listModels");
        models.put("summary", "Models on sale, their options, defaults, price rules and state");
        response(models.putObject("responses"), "200", "The catalog");

        ObjectNode openapi = paths.putObject("/api/openapi.json").putObject("get");
        openapi.put("operationId", "openApi");
        openapi.put("summary", "This document");
        response(openapi.putObject("responses"), "200", "OpenAPI 3.1");

        ObjectNode wellKnown = paths.putObject("/.well-known/x402").putObject("get");
        wellKnown.put("operationId", "x402Discovery");
        wellKnown.put("summary", "The paid resources of this origin (x402 discovery)");
        response(wellKnown.putObject("responses"), "200", "Paid resources");

        ObjectNode callback = paths.putObject("/api/callback").putObject("post");
        callback.put("operationId", "kieCallback");
        callback.put("summary", "For Kie.ai: a task ended (confirmed with Kie.ai before anything is recorded)");
        ObjectNode callbackResponses = callback.putObject("responses");
        response(callbackResponses, "200", "Acknowledged");
        response(callbackResponses, "429", "The generation it names was looked up moments ago: send it again after Retry-After");

        adminGet(paths, "/api/admin/refunds", "refunds", "Refund ledger: paid generations that failed (JSON, or CSV with format=csv)");
        adminPost(paths, "/api/admin/refunds/{generationId}", "generationId", "recordRefund",
                "Record the refund transaction of a ledger entry", "Recorded");
        adminGet(paths, "/api/admin/lost-credits", "lostCredits", "Kie.ai credits spent on work whose payment failed");
        adminGet(paths, "/api/admin/reconciliation", "reconciliation", "The database checked against the chain");
        adminGet(paths, "/api/admin/webhooks", "webhooks", "Webhook deliveries by status (dead by default)");
        adminPost(paths, "/api/admin/webhooks/{deliveryId}/replay", "deliveryId", "replayWebhook",
                "Send a dead webhook delivery again", "Queued again");

        ObjectNode schemes = doc.putObject("components").putObject("securitySchemes");
        schemes.putObject("accessToken").put("type", "http").put("scheme", "bearer")
                .put("description", "The accessToken of the paid answer");
        schemes.putObject("adminToken").put("type", "http").put("scheme", "bearer").put("description", "app.admin.token");
        schemes.putObject("signInWithX").put("type", "apiKey").put("in", "header").put("name", "SIGN-IN-WITH-X")
                .put("description", "x402 sign-in-with-x: base64 JSON proof signed by the paying wallet for the challenge of a 402"
                        + " (extensions[\"sign-in-with-x\"]); good once");
        return doc.toString();
    }

    /**
     * Sign-in-with-x (routes/55-my-generations.yaml): the paying wallet's proof opens its generations as the access token
     * does, and lists them.
     */
    private static void signInWithX(ObjectNode paths, ObjectNode status, ObjectNode file) {
        for (ObjectNode operation : java.util.List.of(status, file)) {
            ((ArrayNode) operation.get("security")).addObject().putArray("signInWithX");
            response((ObjectNode) operation.get("responses"), "403", "The signed-in wallet did not pay for it (siwx_not_payer)");
        }
        ObjectNode list = paths.putObject("/api/generations").putObject("get");
        list.put("operationId", "myGenerations");
        list.put("summary", "The signed-in wallet's generations, newest first, a page at a time (each as generationStatus answers)");
        ArrayNode parameters = list.putArray("parameters");
        parameters.addObject().put("name", "limit").put("in", "query").put("required", false).putObject("schema")
                .put("type", "integer").put("minimum", 1).put("maximum", 100).put("default", 20);
        parameters.addObject().put("name", "cursor").put("in", "query").put("required", false)
                .put("description", "nextCursor of the page before").putObject("schema").put("type", "string");
        list.putArray("security").addObject().putArray("signInWithX");
        ObjectNode responses = list.putObject("responses");
        response(responses, "200", "{wallet, generations: [...], nextCursor: string or null}");
        response(responses, "400", "limit or cursor malformed (invalid_limit, invalid_cursor)");
        response(responses, "401", "No proof (siwx_required), or a proof refused: siwx_invalid, siwx_bad_signature, siwx_wrong_domain,"
                + " siwx_wrong_uri, siwx_wrong_chain, siwx_unknown_nonce, siwx_expired, siwx_not_yet_valid, siwx_replayed");
    }

    private static void adminGet(ObjectNode paths, String path, String id, String summary) {
        ObjectNode get = paths.putObject(path).putObject("get");
        get.put("operationId", id);
        get.put("summary", summary);
        get.putArray("security").addObject().putArray("adminToken");
        response(get.putObject("responses"), "200", summary);
    }

    private static void adminPost(ObjectNode paths, String path, String parameter, String id, String summary, String answered) {
        ObjectNode post = paths.putObject(path).putObject("post");
        post.put("operationId", id);
        post.put("summary", summary);
        pathParameter(post, parameter);
        post.putArray("security").addObject().putArray("adminToken");
        response(post.putObject("responses"), "200", answered);
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

    private static void response(ObjectNode responses, String status, String description) {
        ObjectNode r = responses.putObject(status);
        r.put("description", description);
        r.putObject("content").putObject("application/json").putObject("schema").put("type", "object");
    }
}
