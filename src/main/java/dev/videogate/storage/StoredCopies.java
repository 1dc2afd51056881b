package dev.videogate.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videogate.api.ApiException;
import dev.videogate.api.Conflict;
import dev.videogate.api.NotFound;
import dev.videogate.api.PaymentRequired;
import dev.videogate.api.Unauthorized;
import dev.videogate.payment.ReadTokens;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;

/**
 * The route steps of our own copies (routes/80-storage.yaml): fetch a result file, keep it in the store, remove it,
 * and serve it to the payer with Range support. The store and the fetcher are given; nothing a caller sends names a
 * file, a URL or a key: the generation id and the file's index pick a row, and the row names the key.
 */
public final class StoredCopies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final VideoStore store;
    private final OriginFetcher fetcher;

    public StoredCopies(VideoStore store, OriginFetcher fetcher) {
        this.store = store;
        this.fetcher = fetcher;
    }

    public VideoStore store() {
        return store;
    }

    /** Where the copy is kept: videos/<generationId>/<index>. */
    public String key(@Variable("copy") Map<String, Object> copy) {
        return "videos/" + copy.get("generation_id") + "/" + copy.get("file_index");
    }

    /** Fetches the file from Kie.ai's link as recorded. */
    public OriginFetcher.Fetched fetchOrigin(@Variable("copy") Map<String, Object> copy) throws IOException {
        return fetcher.fetch((String) copy.get("origin_url"));
    }

    /** Fetches the file from the fresh link Kie.ai's common/download-url gave (variable freshUrl). */
    public OriginFetcher.Fetched fetchFresh(@Variable("freshUrl") String freshUrl) throws IOException {
        return fetcher.fetch(freshUrl);
    }

    /** The body of POST common/download-url: the recorded link. */
    public String downloadUrlRequest(@Variable("copy") Map<String, Object> copy) {
        return JSON.createObjectNode().put("url", (String) copy.get("origin_url")).toString();
    }

    /** Kie.ai's answer to common/download-url: {"code":200,"data":"<link valid 20 minutes>"}; otherwise a failure. */
    public String freshUrl(@Body String answer, @Header(Exchange.HTTP_RESPONSE_CODE) Integer status) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(answer == null ? "" : answer);
        } catch (IOException e) {
            throw new IOException("common/download-url answered " + status + " with no JSON");
        }
        if (body == null || body.path("code").asInt() != 200 || !body.path("data").isTextual() || body.path("data").asText().isBlank()) {
            throw new IOException("common/download-url answered " + status + ", code " + (body == null ? "none" : body.path("code").asText())
                    + ": " + (body == null ? "" : body.path("msg").asText()));
        }
        return body.path("data").asText();
    }

    /** Keeps the fetched file under the key; the temporary file is gone afterwards, kept or not. */
    public void keep(@Variable("fetched") OriginFetcher.Fetched fetched, @Variable("storageKey") String key) throws IOException {
        try {
            store.put(key, fetched.file(), fetched.contentType());
        } finally {
            java.nio.file.Files.deleteIfExists(fetched.file());
        }
    }

    /** Deletes a removed copy's file (a row of claim-expired-copies.sql). */
    public void remove(@Body Map<String, Object> row) throws IOException {
        if (row.get("storage_key") != null) {
            store.delete((String) row.get("storage_key"));
        }
    }

    /** The failed attempt's reason, for last_error: short, one line. */
    public String reason(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String text = failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        text = text.replaceAll("[\\r\\n]+", " ");
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** Whether another attempt may succeed: not for a file that is not a video, or too large. */
    public boolean retry(Exchange exchange) {
        return !(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) instanceof OriginFetcher.CopyRefused);
    }

    /** Whether the failure says Kie.ai's link has expired (a fresh one is then asked for). */
    public boolean originExpired(Exchange exchange) {
        return exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) instanceof OriginFetcher.OriginExpired;
    }

    /** The file index from the path: 0 to 99, else not found. */
    public int fileIndex(@Header("fileIndex") String index) {
        if (index == null || !index.matches("\\d{1,2}")) {
            throw new NotFound("not_found", "No such file");
        }
        return Integer.parseInt(index);
    }

    /**
     * GET /api/generate/{id}/files/{index}: the stored file, or the part of it the Range header asks for (206), to
     * the payer (Authorization: Bearer <accessToken> for a paid generation). Sets the answer's headers; the body is a
     * stream from the store.
     */
    public InputStream serve(@Body Map<String, Object> row, @Header("Authorization") String authorization,
                             @Header("Range") String range, @org.apache.camel.Variable("signIn") dev.videogate.siwx.SignIn signIn,
                             Exchange exchange) throws IOException {
        if (row == null || row.isEmpty()) {
            throw new NotFound("not_found", "No generation with this id");
        }
        // a paid one: the access token, or a sign-in of the wallet that paid (SIGN-IN-WITH-X, its nonce spent by the route)
        if (row.get("read_token_hash") != null && !ReadTokens.matches(authorization, (String) row.get("read_token_hash"))
                && !(signIn != null && signIn.paid(row.get("payer")))) {
            throw new Unauthorized("access_token_required",
                    "This generation was paid for: read its files with Authorization: Bearer <accessToken> from the paid answer")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String payment = (String) row.get("payment_status");
        if ("failed".equals(payment) || "unpaid".equals(payment) || row.get("refund_tx") != null) {
            throw new PaymentRequired("payment_not_settled", "The payment for this generation was not kept; its result is not released");
        }
        if (!"completed".equals(row.get("state")) || row.get("copy_status") == null) {
            throw new NotFound("not_found", "No such file");
        }
        if (payment != null && !"settled".equals(payment)) {
            throw new Conflict("payment_confirming", "The payment is being confirmed; the file is released once it is", 5);
        }
        switch ((String) row.get("copy_status")) {
            case "pending" -> throw new Conflict("copy_pending", "Our copy of this file is being made; until then it is at "
                    + row.get("origin_url") + " (originUrls in the status answer)", 5);
            case "failed" -> throw new NotFound("copy_failed", "No copy of this file could be made; the status answer's"
                    + " originUrls has Kie.ai's link");
            case "removed" -> throw new ApiException(410, "copy_removed", "This file was kept for the retention period and has been removed");
            default -> { }
        }
        long size = ((Number) row.get("bytes")).longValue();
        ByteRange part = ByteRange.of(range, size);
        if (part == null) {
            throw new ApiException(416, "range_not_satisfiable", "The Range header does not fit this file of " + size + " bytes")
                    .withHeader("Content-Range", "bytes */" + size);
        }
        exchange.getMessage().getHeaders().clear(); // nothing the caller sent goes back
        exchange.getMessage().setHeader("Content-Type", row.get("content_type"));
        exchange.getMessage().setHeader("Accept-Ranges", "bytes");
        exchange.getMessage().setHeader("ETag", "\"" + row.get("sha256") + "\"");
        exchange.getMessage().setHeader("Cache-Control", "private, max-age=3600");
        // no Content-Length: platform-http streams a stream body chunked (Content-Range still gives the size)
        if (part.partial()) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 206);
            exchange.getMessage().setHeader("Content-Range", "bytes " + part.first() + "-" + part.last() + "/" + size);
        } else {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        }
        if (size == 0) {
            return InputStream.nullInputStream();
        }
        return store.read((String) row.get("storage_key"), part.first(), part.length());
    }
}
