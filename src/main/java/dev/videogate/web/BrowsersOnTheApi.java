package dev.videogate.web;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A person who opens the paid endpoint (/api/generate) in a browser gets the web page, never the API's raw JSON: a
 * request whose Accept asks for text/html and not for JSON (a browser's navigation or form) is sent to the page with
 * 303 See Other (the model asked for, if any, preselected). A request that carries a payment is a program's and is
 * left alone, as is every request whose Accept is absent, *&#47;*, or names application/json: the API answers as before.
 */
public final class BrowsersOnTheApi implements Handler<RoutingContext> {

    private static final Pattern MODEL_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    @Override
    public void handle(RoutingContext ctx) {
        var request = ctx.request();
        boolean navigation = request.method() == HttpMethod.GET || request.method() == HttpMethod.POST;
        if (!navigation || !wantsHtml(request.getHeader("Accept"))
                || request.getHeader("PAYMENT-SIGNATURE") != null || request.getHeader("X-PAYMENT") != null) {
            ctx.next();
            return;
        }
        String model = request.getParam("model");
        String page = model != null && MODEL_NAME.matcher(model).matches() ? "/?model=" + model : "/";
        ctx.response().setStatusCode(303).putHeader("Location", page).putHeader("Cache-Control", "no-store").end();
    }

    /** text/html is asked for and JSON is not (browsers send text/html first; programs send JSON, *&#47;* or nothing). */
    static boolean wantsHtml(String accept) {
        if (accept == null) {
            return false;
        }
        String types = accept.toLowerCase(Locale.ROOT);
        return types.contains("text/html") && !types.contains("application/json");
    }
}
