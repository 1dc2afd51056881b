package dev.videogate.support;

import dev.videogate.GatewayMain;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real bundle (GatewayMain, application.properties, routes/*.yaml) on a free loopback port, against the
 * machine's PostgreSQL in a schema of the test's own and the project's Kie.ai simulator, started and stopped by
 * the test itself: for what a per-class context cannot show (restarts, two instances, start-up failures).
 */
public final class RunningGateway extends GatewayClient implements AutoCloseable {

    private final Main main;

    private RunningGateway(Main main, int port) {
        super(port);
        this.main = main;
    }

    /** The bundle with the settings every test shares (TestSettings); extra entries (e.g. app.poll.*) override them. */
    public static RunningGateway start(TestDatabase db, String kieUrl, String kieKey, Map<String, String> extra) throws Exception {
        return start(db, kieUrl, kieKey, extra, Set.of());
    }

    /** As above, with some shared settings left out, so that application.properties' defaults apply to them. */
    public static RunningGateway start(TestDatabase db, String kieUrl, String kieKey, Map<String, String> extra, Set<String> unset)
            throws Exception {
        int port = TestSettings.freePort();
        Properties props = new Properties();
        props.putAll(TestSettings.common(db, kieUrl, kieKey, port));
        props.putAll(extra);
        unset.forEach(props::remove);
        Main main = GatewayMain.create(props);
        main.start();
        return new RunningGateway(main, Integer.parseInt(props.getProperty("camel.server.port")));
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    public void close() {
        main.stop();
    }
}
