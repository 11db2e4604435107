package dev.arbiter.gateway;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers what the HTTP layer refuses before any route sees it (a malformed
 * request line 400, headers over the limit 431, a URI too long 414…) in the
 * contract's one error shape instead of an HTML page, and without a stack
 * trace or server version. The connection is closed after such an answer:
 * the parser cannot know where the next request would start.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus() > 0 ? response.getStatus() : 500;
        Object attribute = request.getAttribute(ERROR_STATUS);
        if (attribute instanceof Integer s) {
            status = s;
        }
        response.setStatus(status);
        response.getHeaders().put(Call.JSON_TYPE);
        response.getHeaders().put(Call.NO_STORE);
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        byte[] json = ActionJson.error(ApiError.protocol(status, message(status)));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, json.length);
        response.write(true, ByteBuffer.wrap(json), callback);
        return true;
    }

    private static String message(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP/1.1 (request line, header syntax or Host); see docs/openapi.yaml";
            case 414 -> "the request URI is too long";
            case 431 -> "the request headers are larger than " + GatewayServer.MAX_HEADER_BYTES / 1024
                    + " KiB; send fewer or shorter headers";
            case 505 -> "only HTTP/1.1 (and 1.0) are spoken here";
            default -> HttpStatus.getMessage(status);
        };
    }
}
