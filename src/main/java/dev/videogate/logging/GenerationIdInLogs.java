package dev.videogate.logging;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.slf4j.MDC;

/**
 * Every log line written while a route step works on a generation carries its id (MDC key {@value #MDC_KEY}). The
 * routes name the generation in variable {@value #VARIABLE} as soon as they know it; each step then puts that id in
 * the MDC of whichever thread runs it (a Vert.x worker, a Quartz thread, the thread an asynchronous answer comes
 * back on) and takes it out when the step returns, so a pooled thread never carries one generation's id into
 * another's work.
 */
public final class GenerationIdInLogs implements InterceptStrategy {

    public static final String MDC_KEY = "generationId";
    public static final String VARIABLE = "generationId";

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target, Processor nextTarget) {
        return new Step(target);
    }

    /** One route step, run with the exchange's generation id in the MDC. */
    private static final class Step extends DelegateAsyncProcessor {

        Step(Processor target) {
            super(target);
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            String outer = MDC.get(MDC_KEY);
            String id = idOf(exchange);
            if (java.util.Objects.equals(outer, id)) {
                return processor.process(exchange, doneSync -> done(exchange, callback, doneSync)); // step after step of one request: the MDC stays
            }
            put(id);
            try {
                return processor.process(exchange, doneSync -> done(exchange, callback, doneSync));
            } finally {
                put(outer);
            }
        }

        private static void done(Exchange exchange, AsyncCallback callback, boolean doneSync) {
            if (doneSync) {
                callback.done(true);
                return;
            }
            // the step ended on another thread, and the routing goes on from there: same id, same tidy-up
            String before = MDC.get(MDC_KEY);
            put(idOf(exchange));
            try {
                callback.done(false);
            } finally {
                put(before);
            }
        }

        @Override
        public String toString() {
            return processor.toString();
        }
    }

    static String idOf(Exchange exchange) {
        Object id = exchange.getVariable(VARIABLE);
        return id instanceof String text && !text.isEmpty() ? text : null;
    }

    private static void put(String id) {
        if (id == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, id);
        }
    }
}
