package dev.videogate.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key of application.properties, camel.* included, can be set by an environment variable named after it:
 * upper case, '.' and '-' as '_' (camel.server.port -> CAMEL_SERVER_PORT, app.poll.interval-ms ->
 * APP_POLL_INTERVAL_MS). Camel resolves such variables for placeholders, but binds some of its own options
 * (camel.server.*) from the file alone; this makes them all count, as containers set everything by environment. A
 * -D system property still beats the environment, and the seed's names (KIE_AI_API_KEY, ...) stay in the file.
 * A key the file lacks is read from the environment too (Camel looks its variable up for any setting it is asked for).
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

    /**
     * The other environment variables the bundle reads, by name: the seed's (the file's {{env:NAME}} placeholders,
     * KIE_AI_API_KEY...) and any APP_* or CAMEL_* variable not named after a file key, which Camel looks up for a
     * setting of that name whether the file has it or not (APP_MODELS_VEO3_ENABLED, say).
     */
    public static TreeSet<String> otherVariablesRead(Map<String, String> environment, Path file) {
        TreeSet<String> fileKeys = new TreeSet<>();
        keysOf(file).forEach(key -> fileKeys.add(variableName(key)));
        TreeSet<String> seedNames = new TreeSet<>();
        if (Files.isRegularFile(file)) {
            try {
                Matcher placeholder = ENV_PLACEHOLDER.matcher(Files.readString(file));
                while (placeholder.find()) {
                    seedNames.add(placeholder.group(1));
                }
            } catch (IOException e) {
                throw new IllegalStateException(file + " cannot be read: " + e.getMessage(), e);
            }
        }
        TreeSet<String> read = new TreeSet<>();
        for (String name : environment.keySet()) {
            boolean settingName = (name.startsWith("APP_") || name.startsWith("CAMEL_")) && !fileKeys.contains(name);
            if (seedNames.contains(name) || settingName) {
                read.add(name);
            }
        }
        return read;
    }

    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Za-z0-9_]+)");

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
