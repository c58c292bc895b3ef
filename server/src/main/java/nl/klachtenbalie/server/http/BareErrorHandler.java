package nl.klachtenbalie.server.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (malformed request lines, ambiguous paths, oversized headers: refused
 * before any application code runs) in the same shape as ours: the privacy headers, a short JSON
 * body, no HTML page with the request echoed back, no stack traces.
 */
final class BareErrorHandler extends ErrorHandler {

    private final PrivacyCustomizer headers;

    BareErrorHandler(PrivacyCustomizer headers) {
        this.headers = headers;
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        HttpFields.Mutable fields = response.getHeaders();
        fields.remove(HttpHeader.CACHE_CONTROL);
        headers.apply(fields, "/");
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, body(code), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.remove(HttpHeader.CACHE_CONTROL);
        headers.apply(fields, "/");
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return body(status);
    }

    private static ByteBuffer body(int code) {
        String error = code >= 500 ? "{\"error\":\"internal\",\"message\":\"the server failed; try again later\"}"
                : "{\"error\":\"bad_request\",\"message\":\"the request was malformed and refused\"}";
        return ByteBuffer.wrap(error.getBytes(StandardCharsets.US_ASCII));
    }
}
