package dev.videogate.support;

import java.util.HashMap;
import java.util.Map;

/**
 * Settings for the context that camel-test-main-junit5 boots for a test class (@CamelMainTest on the real
 * GatewayConfiguration, application.properties and routes/): handed over as system properties, which beat
 * application.properties, before the context starts, and taken back after the class.
 */
final class BootedGateway {

    private final Map<String, String> settings = new HashMap<>();

    BootedGateway(Map<String, String> common, Map<String, String> extra) {
        settings.putAll(common);
        settings.putAll(extra);
        settings.forEach(System::setProperty);
    }

    void forget() {
        settings.keySet().forEach(System::clearProperty);
    }
}
