package nl.klachtenbalie.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import nl.klachtenbalie.server.error.ApiException;

/** Reads a request body into memory, refusing (413) anything over the route's cap before reading it all. */
final class BodyReader {

    private BodyReader() {
    }

    static byte[] read(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            throw ApiException.tooLarge("the request body is larger than " + max + " bytes; send smaller or fewer blobs");
        }
        try (InputStream in = ctx.req().getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > max) {
                    throw ApiException.tooLarge("the request body is larger than " + max + " bytes; send smaller or fewer blobs");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ApiException.badRequest("bad_body", "the request body could not be read completely; try again");
        }
    }
}
