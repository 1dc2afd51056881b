package dev.videogate.logging;

import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.rewrite.RewritePolicy;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * The masking pass every log event goes through before either format writes it (log4j2.properties: the "masked"
 * Rewrite appender in front of the text and json appenders): its message and its exception, through SecretMask.
 */
@Plugin(name = "SecretMasking", category = Core.CATEGORY_NAME, elementType = "rewritePolicy", printObject = true)
public final class SecretMaskingPolicy implements RewritePolicy {

    @PluginFactory
    public static SecretMaskingPolicy create() {
        return new SecretMaskingPolicy();
    }

    @Override
    public LogEvent rewrite(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        String maskedMessage = SecretMask.apply(message);
        Throwable thrown = event.getThrown();
        Throwable maskedThrown = MaskedThrowable.of(thrown);
        // SecretMask and MaskedThrowable hand back the very same object when there was nothing to mask
        if (maskedMessage == message && maskedThrown == thrown) {
            return event;
        }
        return new Log4jLogEvent.Builder(event)
                .setMessage(new SimpleMessage(maskedMessage))
                .setThrown(maskedThrown)
                .setThrownProxy(null)
                .build();
    }

    @Override
    public String toString() {
        return "SecretMasking";
    }
}
