package dev.videogate.support;

import dev.videogate.logging.LogFormat;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The bundle's own log4j2.properties (not the tests' quieter one) in the chosen format, with what its console
 * appender writes kept for the test (and still shown on the real console). Closing goes back to the tests' logging.
 */
public final class ProductionConsole implements AutoCloseable {

    private final PrintStream realOut = System.out;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    private ProductionConsole(String format) {
        System.setProperty(LogFormat.KEY, format);
        // the console appender takes System.out as it is when the configuration starts
        System.setOut(new PrintStream(new Tee(realOut, written), true, StandardCharsets.UTF_8));
        Configurator.reconfigure(resource("log4j2.properties"));
    }

    public static ProductionConsole open(String format) {
        return new ProductionConsole(format);
    }

    /** Every line written so far. */
    public List<String> lines() {
        String text;
        synchronized (written) {
            text = written.toString(StandardCharsets.UTF_8);
        }
        return Arrays.stream(text.split("\n")).filter(line -> !line.isEmpty()).toList();
    }

    @Override
    public void close() {
        Configurator.reconfigure(resource("log4j2-test.properties"));
        System.setOut(realOut);
        System.clearProperty(LogFormat.KEY);
    }

    private static URI resource(String name) {
        try {
            return ProductionConsole.class.getClassLoader().getResource(name).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes to the real console and to the test's copy. */
    private static final class Tee extends OutputStream {

        private final OutputStream console;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream console, ByteArrayOutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (copy) {
                copy.write(bytes, offset, length);
            }
            try {
                console.write(bytes, offset, length);
            } catch (java.io.IOException ignored) {
                // the copy is what the test reads
            }
        }

        @Override
        public void flush() throws java.io.IOException {
            console.flush();
        }
    }
}
