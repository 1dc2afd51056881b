package dev.videogate.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** app.log.format is chosen like every other key (-D, then the environment, then the file), before log4j starts. */
class LogFormatTest {

    @TempDir
    Path dir;

    @Test
    void precedenceAndDefault() throws Exception {
        Path file = dir.resolve("application.properties");
        assertEquals("text", LogFormat.of(Map.of(), file, new Properties()), "no file, nothing set");
        Files.writeString(file, "app.log.format = json\n");
        assertEquals("json", LogFormat.of(Map.of(), file, new Properties()), "the file");
        assertEquals("text", LogFormat.of(Map.of("APP_LOG_FORMAT", "TEXT"), file, new Properties()), "the environment beats the file");
        Properties system = new Properties();
        system.setProperty("app.log.format", " Json ");
        assertEquals("json", LogFormat.of(Map.of("APP_LOG_FORMAT", "text"), file, system), "-D beats the environment");
    }

    @Test
    void theChoiceIsHandedToLog4jAndNonsenseRefused() {
        Properties system = new Properties();
        assertEquals("json", LogFormat.chooseBeforeLogging(Map.of("APP_LOG_FORMAT", "JSON"), dir.resolve("none"), system));
        assertEquals("json", system.getProperty("app.log.format"), "log4j2.properties reads the normalised value");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> LogFormat.of(Map.of("APP_LOG_FORMAT", "xml"), dir.resolve("none"), new Properties()));
        assertTrue(refused.getMessage().contains("'xml' is neither text nor json"), refused.getMessage());
    }
}
