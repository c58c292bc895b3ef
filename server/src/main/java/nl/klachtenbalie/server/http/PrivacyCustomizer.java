package nl.klachtenbalie.server.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Runs in Jetty before anything else sees a request, on every request including those Jetty itself
 * refuses: it hides the client's address from all code above it (servlet {@code getRemoteAddr()},
 * Javalin {@code ctx.ip()} alike return 0.0.0.0) and puts the privacy and security headers on every
 * response.
 */
final class PrivacyCustomizer implements HttpConfiguration.Customizer {

    static final String REPORTER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    /** The transfer page needs no WebAssembly, no images from blobs and no forms that navigate. */
    static final String TEAM_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    static final InetSocketAddress NOBODY;

    static {
        try {
            NOBODY = new InetSocketAddress(InetAddress.getByAddress(new byte[4]), 0);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String teamPath;
    private final boolean hsts;

    PrivacyCustomizer(String teamPath, boolean hsts) {
        this.teamPath = teamPath;
        this.hsts = hsts;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable headers) {
        apply(headers, request.getHttpURI().getPath());
        return new Request.Wrapper(request) {
            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return new ConnectionMetaData.Wrapper(super.getConnectionMetaData()) {
                    @Override
                    public SocketAddress getRemoteSocketAddress() {
                        return NOBODY;
                    }
                };
            }
        };
    }

    /** Puts the privacy and security headers for {@code path} into {@code headers}. */
    void apply(HttpFields.Mutable headers, String path) {
        boolean team = path != null && (path.equals(teamPath) || path.startsWith(teamPath + "/"));
        headers.put("Content-Security-Policy", team ? TEAM_CSP : REPORTER_CSP);
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Cross-Origin-Opener-Policy", "same-origin");
        headers.put("Cross-Origin-Resource-Policy", "same-origin");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        if (hsts) {
            headers.put("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
        }
    }
}
