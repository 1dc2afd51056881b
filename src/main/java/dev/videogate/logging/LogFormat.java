package dev.videogate.logging;

import dev.videogate.config.EnvironmentSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * app.log.format (text | json) is needed before log4j starts, which is before Camel reads any setting: so it is read
 * here, with the same precedence as every other key (-D, then the environment, then application.properties), and
 * handed to log4j2.properties as the system property it selects its console appender by.
 */
public final class LogFormat {

    public static final String KEY = "app.log.format";
    public static final String TEXT = "text";
    public static final String JSON = "json";

    private LogFormat() {
    }

    /** Call before the first logger is made. Fails on a value that is neither text nor json. */
    public static String chooseBeforeLogging(Map<String, String> environment, Path file, Properties systemProperties) {
        String format = of(environment, file, systemProperties);
        systemProperties.setProperty(KEY, format);
        return format;
    }

    static String of(Map<String, String> environment, Path file, Properties systemProperties) {
        String value = systemProperties.getProperty(KEY);
        if (value == null) {
            value = environment.get(EnvironmentSettings.variableName(KEY));
        }
        if (value == null) {
            value = fromFile(file);
        }
        String format = value == null || value.isBlank() ? TEXT : value.strip().toLowerCase(Locale.ROOT);
        if (!format.equals(TEXT) && !format.equals(JSON)) {
            throw new IllegalStateException(KEY + ": '" + value + "' is neither " + TEXT + " nor " + JSON);
        }
        return format;
    }

    private static String fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        } catch (IOException e) {
            return null; // GatewayMain reads the file again and says what is wrong with it
        }
        return properties.getProperty(KEY);
    }
}
