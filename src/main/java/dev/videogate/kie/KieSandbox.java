package dev.videogate.kie;

import dev.videogate.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * app.kie.sandbox=true: the project's Kie.ai simulator (its own module and jar, never part of this one) runs as a
 * child process on loopback, so a newcomer sees a whole generation, with a fake video URL, without an account.
 * The routes are pointed at it by overriding app.kie.api-url and app.kie.api-key before they are built; the
 * child stops with the bundle (its standard input is closed).
 */
public final class KieSandbox extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KieSandbox.class);
    private static final String READY = "KIE_SIMULATOR_READY";

    private final Process process;

    /** null while the simulator runs, else why the sandbox cannot serve. */
    public String problem() {
        return process.isAlive() ? null : "the Kie.ai sandbox (simulator) exited with " + process.exitValue();
    }

    private KieSandbox(Process process) {
        this.process = process;
    }

    public static KieSandbox startIfEnabled(Settings settings, CamelContext context) {
        if (!settings.flag("app.kie.sandbox", false)) {
            return null;
        }
        Path jar = Path.of(settings.text("app.kie.sandbox-jar", "target/kie-simulator.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("app.kie.sandbox: the Kie.ai simulator jar is not at " + jar
                    + " (build it with `mvn -DskipTests package` at the project root, or set app.kie.sandbox-jar)");
        }
        String apiKey = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", String.valueOf(settings.number("app.kie.sandbox-port", 0)),
                "--generation-millis", String.valueOf(settings.number("app.kie.sandbox-generation-ms", 4000)),
                "--api-key", apiKey));
        settings.optional("app.kie.webhook-key").ifPresent(key -> command.addAll(List.of("--webhook-hmac-key", key)));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String baseUrl = awaitReady(process);
            context.getPropertiesComponent().addOverrideProperty("app.kie.api-url", baseUrl);
            context.getPropertiesComponent().addOverrideProperty("app.kie.api-key", apiKey);
            LOG.warn("""

                    ************************************************************************************
                    *  KIE.AI SANDBOX IS ON: Kie.ai is SIMULATED at {}
                    *  No real video is made and no Kie.ai credits are used; result URLs are fake.
                    *  Never run a paid service like this: set app.kie.sandbox=false and KIE_AI_API_KEY.
                    ************************************************************************************""",
                    baseUrl);
            return new KieSandbox(process);
        } catch (IOException e) {
            throw new IllegalStateException("app.kie.sandbox: the Kie.ai simulator did not start: " + e.getMessage(), e);
        }
    }

    /** Reads the child's output until its ready line; the rest of its output goes on to our log. */
    private static String awaitReady(Process process) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(READY + " ")) {
                Thread relay = new Thread(() -> relay(out), "kie-sandbox-log");
                relay.setDaemon(true);
                relay.start();
                return line.substring(READY.length() + 1).trim();
            }
            LOG.info("[sandbox] {}", line);
        }
        throw new IOException("the simulator exited before it was ready (exit " + waitFor(process) + ")");
    }

    private static void relay(BufferedReader out) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                LOG.info("[sandbox] {}", line);
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    protected void doStop() throws Exception {
        process.getOutputStream().close(); // the simulator stops when its standard input closes
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
