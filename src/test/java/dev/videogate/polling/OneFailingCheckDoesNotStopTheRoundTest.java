package dev.videogate.polling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videogate.config.GatewayConfiguration;
import dev.videogate.support.Await;
import dev.videogate.support.GatewayTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.builder.AdviceWithRouteBuilder;
import org.apache.camel.test.main.junit5.AdviceRouteMapping;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

/**
 * A Quartz round (the quartz-claim-split template, here the status poller) goes on past a row whose check fails
 * outside the check's own error handling: every row the round claimed is checked in that round.
 */
@CamelMainTest(configurationClasses = GatewayConfiguration.class, propertyPlaceholderLocations = "file:application.properties",
        advices = @AdviceRouteMapping(route = "poll-one", advice = OneFailingCheckDoesNotStopTheRoundTest.ChecksBreak.class))
class OneFailingCheckDoesNotStopTheRoundTest extends GatewayTest {

    /** Generations whose check throws before it starts, as a check whose own error handling failed would. */
    static final Set<String> BREAKING = ConcurrentHashMap.newKeySet();
    /** The generations whose check was tried, each once. */
    static final Set<String> TRIED = ConcurrentHashMap.newKeySet();

    public static class ChecksBreak extends AdviceWithRouteBuilder {
        @Override
        public void configure() {
            weaveAddFirst().process(e -> {
                String id = String.valueOf(e.getMessage().getBody(Map.class).get("id"));
                if (BREAKING.contains(id)) {
                    TRIED.add(id);
                    throw new IllegalStateException("check of " + id + " broke");
                }
            });
        }
    }

    @Override
    protected Map<String, String> settings() {
        // rounds 1 s apart, nothing due by itself (the test makes the rows due at once), a row claimed again 5 s later
        return Map.of("app.poll.interval-ms", "1000", "app.poll.grace-ms", "600000", "app.poll.backoff-base-ms", "5000");
    }

    @Test
    void everyRowOfARoundIsCheckedWhenOneBreaks() throws Exception {
        List<String> ids = List.of(create("A lighthouse in fog [sim:no-callback]").get("generationId").asText(),
                create("A kite over dunes [sim:no-callback]").get("generationId").asText());
        BREAKING.addAll(ids);
        db.execute("UPDATE generation SET next_poll_at = now() - interval '1 second' WHERE id IN ('" + String.join("', '", ids) + "')");

        Await.until("both checks tried", Duration.ofSeconds(15), () -> TRIED.containsAll(ids));
        // claimed once each: both were tried in the round that claimed them (had the first failure ended the round,
        // the second would have been tried only when claimed again, 5 s later)
        for (String id : ids) {
            assertEquals(1, db.count("SELECT poll_count FROM generation WHERE id = '" + id + "'"), id);
        }
    }
}
