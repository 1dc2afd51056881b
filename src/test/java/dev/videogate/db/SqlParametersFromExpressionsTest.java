package dev.videogate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.TestDatabase;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.TypeConverterSupport;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A statement whose parameters are its own :#${variable…} expressions reads the same values with the project's sql
 * component as with camel-sql's own, and a body that is not a Map (the request's JSON text, as on the paid path)
 * no longer sends Camel searching its type converters for a Map, once per parameter.
 */
class SqlParametersFromExpressionsTest {

    private static final String STATEMENT = "sql:SELECT CAST(:#${variable.a} AS text) || '/' || CAST(:#${variable.b} AS text) AS v"
            + "?outputType=SelectOne";

    @Test
    void parametersComeFromTheirExpressionsWithoutAConverterSearch() throws Exception {
        Run plain = run(new SqlComponent());
        Run ours = run(new SqlParametersFromExpressions());

        assertEquals("one/2", plain.answer);
        assertEquals("one/2", ours.answer, "the same parameters, the same answer");
        assertTrue(plain.searches >= 10, "camel-sql's own component asks for a Map per parameter: " + plain.searches + " searches in 5 statements");
        assertEquals(0, ours.searches, "no conversion of the body to a Map is tried");
    }

    private record Run(String answer, long searches) {
    }

    /** Camel asks its fallback converters last, when no converter fits: each call here is one whole search that failed. */
    private static final class MapSearches extends TypeConverterSupport {
        final AtomicLong count = new AtomicLong();

        @Override
        public <T> T convertTo(Class<T> type, Exchange exchange, Object value) {
            if (type == Map.class) {
                count.incrementAndGet();
            }
            return null;
        }
    }

    /** Runs the statement 5 times with a JSON text body; counts the failed searches for a Map converter while it does. */
    private static Run run(SqlComponent component) throws Exception {
        try (TestDatabase db = new TestDatabase(); CamelContext context = new DefaultCamelContext()) {
            PGSimpleDataSource dataSource = new PGSimpleDataSource();
            dataSource.setUrl(db.jdbcUrl());
            dataSource.setUser(db.user());
            component.setDataSource(dataSource);
            context.addComponent("sql", component);
            MapSearches searches = new MapSearches();
            context.getTypeConverterRegistry().addFallbackTypeConverter(searches, false);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:statement").setVariable("a", constant("one")).setVariable("b", constant(2)).to(STATEMENT);
                }
            });
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            template.requestBody("direct:statement", "{\"warm\":true}"); // first use: endpoint, converters loaded
            searches.count.set(0);
            Object answer = null;
            for (int i = 0; i < 5; i++) {
                answer = template.requestBody("direct:statement", "{\"model\":\"sora-2\",\"prompt\":\"a cat\"}");
            }
            Object value = answer instanceof Map<?, ?> row ? row.get("v") : answer;
            return new Run(String.valueOf(value), searches.count.get());
        }
    }
}
