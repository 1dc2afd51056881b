package dev.videogate.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which an event loop was blocked. Vert.x's blocked-thread checker (set lower for tests:
 * TestSettings, app.http.max-event-loop-execute-ms) warns "Thread[vert.x-eventloop-thread-N,...] has been blocked for
 * ..." with the thread's stack; this extension, registered for every test class (META-INF/services, junit-platform
 * .properties), listens to that logger and turns such a warning into a failure of the test (or of the class, for
 * its set-up and tear-down) that names the thread and shows where it was stuck.
 */
public final class EventLoopWatch implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    static final String CHECKER_LOGGER = "io.vertx.core.impl.BlockedThreadChecker";
    private static final String NAME = "event-loop-watch";
    private static final ConcurrentLinkedQueue<String> BLOCKED = new ConcurrentLinkedQueue<>();

    private static final class Listener extends AbstractAppender {
        Listener() {
            super(NAME, null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            String message = event.getMessage().getFormattedMessage();
            if (CHECKER_LOGGER.equals(event.getLoggerName()) && message.contains("vert.x-eventloop-thread")) {
                StringBuilder report = new StringBuilder(message);
                if (event.getThrown() != null) {
                    for (StackTraceElement frame : event.getThrown().getStackTrace()) {
                        report.append("\n\tat ").append(frame);
                    }
                }
                BLOCKED.add(report.toString());
            }
        }
    }

    /** The blocked-event-loop warnings since the last call (and forgets them). */
    public static List<String> take() {
        List<String> taken = new ArrayList<>();
        for (String s; (s = BLOCKED.poll()) != null; ) {
            taken.add(s);
        }
        return taken;
    }

    /** Listening from now on (again, if logging was configured anew since). */
    public static synchronized void listen() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        if (context.getConfiguration().getRootLogger().getAppenders().containsKey(NAME)) {
            return;
        }
        Listener listener = new Listener();
        listener.start();
        context.getConfiguration().getRootLogger().addAppender(listener, null, null);
        context.updateLoggers();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        listen();
        take(); // what an earlier class left is that class's
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        listen();
        failIfBlocked("before " + context.getDisplayName() + " (in the class's set-up)");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        failIfBlocked("during " + context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        failIfBlocked("in " + context.getDisplayName() + " (set-up or tear-down)");
    }

    private static void failIfBlocked(String when) {
        List<String> blocked = take();
        if (!blocked.isEmpty()) {
            // the first warning with the stack of what held the loop; the checker repeats itself every check interval
            throw new AssertionError("An event loop was blocked " + when + " (nothing may wait on an event loop: no DNS, JDBC,"
                    + " file or HTTP call):\n" + blocked.get(0) + (blocked.size() > 1 ? "\n(and " + (blocked.size() - 1)
                    + " more such warnings, the last: " + blocked.get(blocked.size() - 1).lines().findFirst().orElse("") + ")" : ""));
        }
    }
}
