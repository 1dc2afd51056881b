package dev.videogate.api;

/**
 * A request that ends with a JSON error for the caller: HTTP status, a stable code, a readable message. The failure
 * carries its own answer; routes/01-answers.yaml renders it. Its named kinds say the status by their type
 * ({@link BadRequest}, {@link NotFound}, {@link Unavailable}, {@link UpstreamTimeout}...); the error clauses give the
 * fixed ones ({@link DatabaseUnavailable}, {@link UpstreamTimeout}, {@link UnexpectedFailure}...) to failures of the
 * libraries underneath (SQL, HTTP) that carry no answer.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;
    private final java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    private com.fasterxml.jackson.databind.node.ObjectNode body;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false); // an answer, not a crash: no stack trace to collect
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new BadRequest(code, message);
    }

    /** An answer with its own JSON body (e.g. x402's 402 challenge) instead of the standard error shape. */
    public ApiException withBody(com.fasterxml.jackson.databind.node.ObjectNode body) {
        this.body = body;
        return this;
    }

    public ApiException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public com.fasterxml.jackson.databind.node.ObjectNode body() {
        return body;
    }

    /** The JSON the caller gets: this answer's own body (e.g. x402's 402), or the standard error shape. */
    public com.fasterxml.jackson.databind.node.ObjectNode answerBody() {
        return body != null ? body : dev.videogate.http.JsonAnswers.errorBody(code, getMessage());
    }

    /** The headers the caller gets: this answer's own, and Retry-After when set. */
    public java.util.Map<String, String> answerHeaders() {
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        if (retryAfterSeconds != null) {
            all.put("Retry-After", String.valueOf(retryAfterSeconds));
        }
        return all;
    }

    public java.util.Map<String, String> headers() {
        return headers;
    }

    public int status() {
        return status;
    }

    /**
     * Whether answering this is worth a log line of its own: a 5xx, except a refusal that sheds load by design and is
     * counted where it happens (url_check_unavailable: HostLookups sums those up), so a flood of them is not a flood
     * of log lines.
     */
    public boolean worthLogging() {
        return status >= 500 && !"url_check_unavailable".equals(code);
    }

    public String code() {
        return code;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
