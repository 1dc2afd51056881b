package dev.videogate.http;

import dev.videogate.api.ApiException;
import dev.videogate.db.DatabaseOutage;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request meets on the platform-http router before any route: a 503 JSON while the bundle is not yet
 * ready (the port opens before the routes are up), the control-header rule ({@link ControlHeaders}), a 400 JSON for a
 * credential sent in the URL ({@link QueryParameters}), the body size limit; and, for whatever no route answers
 * (unknown path 404, wrong method 405 with Allow, malformed path 400, unexpected failure 500, PostgreSQL out of reach
 * 503), the API's JSON error instead of Vert.x's text or HTML.
 */
public final class FrontDoor implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FrontDoor.class);

    private final CamelContext camel;
    private final BodyLimitHandler bodyLimit;
    private volatile boolean ready;
    private volatile AllowedMethods allowed;

    public FrontDoor(CamelContext camel, long maxBodyBytes) {
        this.camel = camel;
        this.bodyLimit = new BodyLimitHandler(maxBodyBytes);
    }

    /** Called as the HTTP server is created, before it listens. */
    public void install() {
        VertxPlatformHttpRouter router = router(camel);
        router.route().order(-100).handler(this);
        router.route().order(-99).handler(bodyLimit);
        router.errorHandler(413, bodyLimit::tooLarge);
    }

    /** Called once every route is started: from now on requests reach the routes. */
    public void open() {
        VertxPlatformHttpRouter router = router(camel);
        allowed = AllowedMethods.of(camel.getComponent("platform-http", PlatformHttpComponent.class).getHttpEndpoints());
        if (router.getServer() != null && router.getServer().getServer() != null
                && router.getServer().getServer().requestHandler() instanceof Router root) {
            answerErrorsInJson(root);
        }
        answerErrorsInJson(router);
        ready = true;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!ready) {
            ctx.response().putHeader("Retry-After", "1");
            JsonAnswers.error(ctx.response(), 503, "starting", "The gateway is starting; try again in a second");
            return;
        }
        ControlHeaders.strip(ctx.request().headers());
        String misplaced = QueryParameters.misplacedCredential(ctx);
        if (misplaced != null) {
            JsonAnswers.error(ctx.response(), 400, "credentials_in_query",
                    "Credentials go in " + misplaced + ", never in the URL, where proxies and access logs keep them");
            return;
        }
        ctx.next();
    }

    private void answerErrorsInJson(Router router) {
        router.errorHandler(400, ctx -> JsonAnswers.error(ctx.response(), 400, "invalid_request", "The request path or query is malformed"));
        router.errorHandler(404, ctx -> JsonAnswers.error(ctx.response(), 404, "not_found", "No such endpoint"));
        router.errorHandler(405, this::methodNotAllowed);
        router.errorHandler(413, bodyLimit::tooLarge);
        router.errorHandler(415, ctx -> JsonAnswers.error(ctx.response(), 415, "unsupported_media_type", "Send the body as application/json"));
        router.errorHandler(500, ctx -> {
            if (DatabaseOutage.causedBy(ctx.failure())) {
                ApiException unavailable = DatabaseOutage.answer();
                unavailable.answerHeaders().forEach(ctx.response()::putHeader);
                JsonAnswers.error(ctx.response(), unavailable.status(), unavailable.code(), unavailable.getMessage());
                return;
            }
            if (ctx.failure() != null) {
                LOG.error("Unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            }
            JsonAnswers.error(ctx.response(), 500, "internal_error", "The gateway failed to handle the request");
        });
    }

    private void methodNotAllowed(RoutingContext ctx) {
        String methods = allowed == null ? "" : allowed.on(ctx.normalizedPath());
        if (!methods.isEmpty()) {
            ctx.response().putHeader("Allow", methods);
        }
        JsonAnswers.error(ctx.response(), 405, "method_not_allowed",
                ctx.request().method() + " is not served here" + (methods.isEmpty() ? "" : "; use " + methods));
    }

    /** platform-http's router of the main HTTP server (not the management one). */
    public static VertxPlatformHttpRouter router(CamelContext camel) {
        return camel.getRegistry().findByType(VertxPlatformHttpRouter.class).stream()
                .filter(r -> VertxPlatformHttpRouter.SERVER_TYPE_SERVER.equals(r.getServerType()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("platform-http Vert.x router not found (camel.server.enabled?)"));
    }
}
