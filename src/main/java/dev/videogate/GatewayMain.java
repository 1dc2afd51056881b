package dev.videogate;

import dev.videogate.config.EnvironmentSettings;
import dev.videogate.config.GatewayConfiguration;
import dev.videogate.logging.LogFormat;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/** Starts the route bundle: settings from application.properties, routes from routes/*.yaml. */
public final class GatewayMain {

    private GatewayMain() {
    }

    public static void main(String[] args) throws Exception {
        // before any logger exists: log4j2.properties picks the console format (text or json) once, when it starts
        LogFormat.chooseBeforeLogging(System.getenv(), Path.of("application.properties"), System.getProperties());
        create(new Properties()).run(args);
    }

    /**
     * A configured, not yet started bundle. Settings: application.properties, then the environment (any of its keys,
     * see EnvironmentSettings), then -D system properties; tests pass overrides that beat them all.
     */
    public static Main create(Properties overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations("file:application.properties");
        main.configure().addConfiguration(GatewayConfiguration.class);
        Path file = Path.of("application.properties");
        Properties effective = EnvironmentSettings.from(System.getenv(), file, System.getProperties());
        TreeSet<String> others = EnvironmentSettings.otherVariablesRead(System.getenv(), file);
        if (!effective.isEmpty() || !others.isEmpty()) {
            // names only: values may be secrets
            LoggerFactory.getLogger(GatewayMain.class).info("Settings from the environment: {}; other variables read: {}",
                    new TreeSet<>(effective.stringPropertyNames()), others);
        }
        effective.putAll(overrides);
        if (!effective.isEmpty()) {
            main.setOverrideProperties(effective);
        }
        return main;
    }
}
