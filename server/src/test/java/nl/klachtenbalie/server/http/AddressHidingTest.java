package nl.klachtenbalie.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Application code cannot learn the client's address, through Javalin or through the servlet API. */
class AddressHidingTest {

    @Test
    void everyWayToAskForTheAddressGetsNobody() throws Exception {
        PrivacyCustomizer privacy = new PrivacyCustomizer("/transfer", false);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.contextResolver.ip = ctx -> HttpApp.NO_ADDRESS;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.jetty.modifyHttpConfiguration(hc -> hc.addCustomizer(privacy));
            cfg.routes.get("/probe", ctx -> ctx.result(ctx.ip() + "|" + ctx.req().getRemoteAddr() + "|"
                    + ctx.req().getRemoteHost() + "|" + ctx.req().getRemotePort()));
        }).start();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/probe")).header("X-Forwarded-For", "203.0.113.9").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("0.0.0.0|0.0.0.0|0.0.0.0|0", r.body());
        } finally {
            app.stop();
        }
    }
}
