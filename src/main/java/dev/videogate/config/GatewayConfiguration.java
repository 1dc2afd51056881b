package dev.videogate.config;

import dev.videogate.api.ErrorResponses;
import dev.videogate.callback.KieCallbacks;
import dev.videogate.db.Database;
import dev.videogate.generation.GenerateRequests;
import dev.videogate.generation.GenerationResponses;
import dev.videogate.generation.ModelCatalog;
import dev.videogate.kie.KieMessages;
import dev.videogate.kie.KieSandbox;
import dev.videogate.longpoll.FinalStateListener;
import dev.videogate.longpoll.GenerationWaiters;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Everything the YAML routes call by name: the database (bound as appDataSource, which camel-sql picks up),
 * the Kie.ai settings check (or the sandbox), and the small beans that hold codecs and rules.
 */
public class GatewayConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);

        KieSandbox sandbox = KieSandbox.startIfEnabled(settings, context);
        if (sandbox == null && settings.optional("app.kie.api-key").isEmpty()) {
            throw new IllegalStateException("KIE_AI_API_KEY is not configured");
        }
        ModelCatalog catalog = ModelCatalog.fromSettings(settings);

        Database database = Database.open(settings);
        context.addService(closing(database));
        context.getRegistry().bind("appDataSource", database.dataSource());

        context.getRegistry().bind("generateRequests",
                new GenerateRequests(catalog, (int) settings.number("app.request.max-prompt-length", 10000)));
        context.getRegistry().bind("generationResponses", new GenerationResponses());
        context.getRegistry().bind("kieMessages", new KieMessages(settings.required("app.public-base-url")));
        context.getRegistry().bind("kieCallbacks", new KieCallbacks(settings.optional("app.kie.webhook-key").orElse(null),
                settings.number("app.kie.webhook-max-skew-seconds", 300)));
        context.getRegistry().bind("errorResponses", new ErrorResponses());

        GenerationWaiters waiters = new GenerationWaiters();
        context.getRegistry().bind("generationWaiters", waiters);
        context.addService(new FinalStateListener(database.dataSource(), waiters));
        context.addStartupListener(new RouterSetup(waiters, settings.number("app.longpoll.timeout-ms", 300_000),
                settings.number("camel.server.max-body-size", 65_536)));
        if (sandbox != null) {
            context.addService(sandbox);
        }
    }

    private static ServiceSupport closing(AutoCloseable resource) {
        return new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                resource.close();
            }
        };
    }
}
