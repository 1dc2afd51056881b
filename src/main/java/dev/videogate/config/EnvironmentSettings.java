package dev.videogate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Every key of application.properties, camel.* included, can be set by an environment variable named after it:
 * upper case, '.' and '-' as '_' (camel.server.port -> CAMEL_SERVER_PORT, app.poll.interval-ms ->
 * APP_POLL_INTERVAL_MS). Camel resolves such variables for placeholders, but binds some of its own options
 * (camel.server.*) from the file alone; this makes them all count, as containers set everything by environment. A
 * -D system property still beats the environment, and the seed's names (KIE_AI_API_KEY, ...) stay in the file.
 */
public final class EnvironmentSettings {

    private EnvironmentSettings() {
    }

    /** The file's keys that the environment sets, with the environment's values (system properties left to win). */
    public static Properties from(Map<String, String> environment, Path file, Properties systemProperties) {
        Properties fromEnvironment = new Properties();
        for (String key : keysOf(file)) {
            String value = environment.get(variableName(key));
            if (value != null && !systemProperties.containsKey(key)) {
                fromEnvironment.setProperty(key, value);
            }
        }
        return fromEnvironment;
    }

    public static String variableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static TreeSet<String> keysOf(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new IllegalStateException(file + " cannot be read: " + e.getMessage(), e);
            }
        }
        return new TreeSet<>(properties.stringPropertyNames());
    }
}
