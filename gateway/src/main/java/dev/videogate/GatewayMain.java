package dev.videogate;

import dev.videogate.config.GatewayConfiguration;
import java.util.Properties;
import org.apache.camel.main.Main;

/** Starts the route bundle: settings from application.properties, routes from routes/*.yaml. */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        create(new Properties()).run(args);
    }

    /** A configured, not yet started bundle; tests pass overrides that beat the file and the environment. */
    public static Main create(Properties overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:application.properties");
        main.configure().addConfiguration(GatewayConfiguration.class);
        if (!overrides.isEmpty()) {
            main.setOverrideProperties(overrides);
        }
        return main;
    }
}
