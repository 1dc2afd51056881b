package dev.videogate.kie;

import dev.videogate.config.Settings;
import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * app.kie.sandbox=true: the bundled Kie.ai simulator stands in for Kie.ai, so a newcomer sees a whole
 * generation (with a fake video URL) without an account. The routes are pointed at it by overriding
 * app.kie.api-url and app.kie.api-key before they are built.
 */
public final class KieSandbox extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KieSandbox.class);

    private final KieSimulator simulator;

    private KieSandbox(KieSimulator simulator) {
        this.simulator = simulator;
    }

    public static KieSandbox startIfEnabled(Settings settings, CamelContext context) {
        if (!settings.flag("app.kie.sandbox", false)) {
            return null;
        }
        KieSimulator simulator = new KieSimulator(SimulatorSettings.defaults()
                .port((int) settings.number("app.kie.sandbox-port", 0))
                .generationMillis(settings.number("app.kie.sandbox-generation-ms", 4000))
                .webhookHmacKey(settings.optional("app.kie.webhook-key").orElse(null)))
                .start();
        context.getPropertiesComponent().addOverrideProperty("app.kie.api-url", simulator.baseUrl());
        context.getPropertiesComponent().addOverrideProperty("app.kie.api-key", simulator.apiKey());
        LOG.warn("""

                ************************************************************************************
                *  KIE.AI SANDBOX IS ON: Kie.ai is SIMULATED at {}
                *  No real video is made and no Kie.ai credits are used; result URLs are fake.
                *  Never run a paid service like this: set app.kie.sandbox=false and KIE_AI_API_KEY.
                ************************************************************************************""",
                simulator.baseUrl());
        return new KieSandbox(simulator);
    }

    public KieSimulator simulator() {
        return simulator;
    }

    @Override
    protected void doStop() {
        simulator.stop();
    }
}
