package dev.arbiter.gateway;

/**
 * An error answer of the API: {@code {"error": {"code", "message", "field"}}}
 * with its HTTP status. Thrown to end a request early; the handler turns it
 * into the response. The codes are part of the contract (gateway-api.md).
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;
    private final long retryAfterSeconds;

    private ApiError(int status, String code, String message, String field) {
        this(status, code, message, field, 0);
    }

    private ApiError(int status, String code, String message, String field, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429: this source was refused too often; {@code Retry-After} says when to try again (≥ 1 s). */
    static ApiError tooManyRequests(long retryAfterSeconds) {
        return new ApiError(429, "TOO_MANY_REQUESTS", "too many refused requests from this address; retry after "
                + retryAfterSeconds + " s", null, retryAfterSeconds);
    }

    /**
     * An error the HTTP layer found before any route (400 malformed request,
     * 414, 431 headers too large…): code {@code BAD_REQUEST}, or
     * {@code HEADERS_TOO_LARGE} for 431.
     */
    static ApiError protocol(int status, String message) {
        return new ApiError(status, status == 431 ? "HEADERS_TOO_LARGE" : status == 413 ? "PAYLOAD_TOO_LARGE"
                : status == 503 ? "UNAVAILABLE" : "BAD_REQUEST", message, null);
    }

    /** 408: the request did not arrive whole in time; the connection is closed after the answer. */
    static ApiError requestTimeout(String message) {
        return new ApiError(408, "REQUEST_TIMEOUT", message, null);
    }

    static ApiError malformed(String message) {
        return new ApiError(400, "MALFORMED_JSON", message, null);
    }

    static ApiError invalid(String field, String message) {
        return new ApiError(400, "INVALID_FIELD", message, field);
    }

    static ApiError missing(String field) {
        return new ApiError(400, "MISSING_FIELD", field + " is required", field);
    }

    static ApiError unauthenticated(String message) {
        return new ApiError(401, "UNAUTHENTICATED", message, null);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "FORBIDDEN", message, null);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "NOT_FOUND", message, null);
    }

    static ApiError methodNotAllowed(String message) {
        return new ApiError(405, "METHOD_NOT_ALLOWED", message, null);
    }

    static ApiError conflict(String message) {
        return new ApiError(409, "CONFLICT", message, null);
    }

    /** 422: well formed but refused on its content (C2SP tlog-witness: a consistency proof that does not verify). */
    static ApiError unprocessable(String message) {
        return new ApiError(422, "UNPROCESSABLE", message, null);
    }

    static ApiError tooLarge(String message) {
        return new ApiError(413, "PAYLOAD_TOO_LARGE", message, null);
    }

    static ApiError unsupportedMediaType(String message) {
        return new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", message, null);
    }

    static ApiError unavailable(String message) {
        return new ApiError(503, "UNAVAILABLE", message, null);
    }

    /** 503 with {@code Retry-After}: the work asked for is being done for someone else; ask again then (≥ 1 s). */
    static ApiError busy(String message, long retryAfterSeconds) {
        return new ApiError(503, "UNAVAILABLE", message, null, Math.max(1, retryAfterSeconds));
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** Seconds for {@code Retry-After}, 0 when the answer carries none. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The request field at fault, or null when the request as a whole is. */
    String field() {
        return field;
    }
}
