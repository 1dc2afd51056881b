package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.config.EnvironmentSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * deploy/compose.yaml and deploy/kubernetes.yaml set only settings the bundle has: every environment variable they
 * give the gateway is a key of application.properties by its environment name, or one of the seed's names that
 * the file reads; the probes point at the observe endpoints on the management port the file configures, and reach
 * them: from inside the container on loopback (the file's default address), or, for the kubelet's httpGet probes,
 * with CAMEL_MANAGEMENT_HOST opening them beyond it.
 */
class DeploymentExamplesTest {

    private static final Pattern ENV_NAME = Pattern.compile("(?m)^\\s*(?:-\\s*\\{?\\s*name:\\s*|)([A-Z][A-Z0-9_]{2,}):");
    private static final Pattern K8S_NAME = Pattern.compile("name:\\s*([A-Z][A-Z0-9_]{2,})\\b");

    @Test
    void everySettingTheExamplesUseExists() throws Exception {
        Set<String> known = knownVariables();
        for (Path example : List.of(Path.of("deploy/compose.yaml"), Path.of("deploy/kubernetes.yaml"))) {
            String text = Files.readString(example);
            Set<String> used = new HashSet<>();
            Matcher m = ENV_NAME.matcher(text);
            while (m.find()) {
                used.add(m.group(1));
            }
            Matcher k = K8S_NAME.matcher(text);
            while (k.find()) {
                used.add(k.group(1));
            }
            used.removeIf(name -> name.startsWith("POSTGRES_")); // the database container's own
            assertTrue(used.size() >= 6, example + " uses " + used);
            for (String name : used) {
                assertTrue(known.contains(name), example + " sets " + name + ", which the bundle does not read");
            }
            assertTrue(text.contains("/observe/health/ready"), example + " probes readiness");
            assertTrue(text.contains("9876"), example + " uses the management port");
            if (text.contains("httpGet:")) {
                assertTrue(text.contains("{name: CAMEL_MANAGEMENT_HOST, value: \"0.0.0.0\"}"), example + ": the kubelet probes the pod's address");
            } else {
                assertTrue(text.contains("http://127.0.0.1:9876/observe/health/ready"), example + " probes from inside the container");
            }
        }
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        assertTrue("9876".equals(file.getProperty("camel.management.port")), "the examples' port is the file's");
        assertTrue("127.0.0.1".equals(file.getProperty("camel.management.host")), "the observe endpoints on loopback unless opened");
    }

    private static Set<String> knownVariables() throws Exception {
        Properties file = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            file.load(in);
        }
        Set<String> known = new HashSet<>();
        for (String key : file.stringPropertyNames()) {
            known.add(EnvironmentSettings.variableName(key));
            Matcher seed = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(file.getProperty(key));
            while (seed.find()) {
                known.add(seed.group(1));
            }
        }
        return known;
    }
}
