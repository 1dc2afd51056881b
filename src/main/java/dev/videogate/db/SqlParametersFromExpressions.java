package dev.videogate.db;

import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.sql.DefaultSqlEndpoint;
import org.apache.camel.component.sql.DefaultSqlPrepareStatementStrategy;
import org.apache.camel.component.sql.SqlComponent;

/**
 * camel-sql (bound as component "sql"), with one difference: a statement's parameters are never looked up in the
 * message body unless the body is a Map. Every statement in sql/ takes its parameters from its own
 * {@code :#${variable…}} / {@code :#${properties…}} expressions; but camel-sql first asks, per parameter and twice,
 * whether the body converts to a Map, and for a body that does not (the request's JSON text, say) Camel searches
 * all its type converters each time. On the paid path that was about a quarter of the worker threads' CPU.
 */
public final class SqlParametersFromExpressions extends SqlComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Endpoint endpoint = super.createEndpoint(uri, remaining, parameters);
        if (endpoint instanceof DefaultSqlEndpoint sql && sql.getPrepareStatementStrategy() == null) {
            sql.setPrepareStatementStrategy(new BodyOnlyWhenMap());
        }
        return endpoint;
    }

    /** The default strategy, handed the body only when it is a Map, else an empty one (a null body would make
     * camel-sql read the message's own body instead). */
    static final class BodyOnlyWhenMap extends DefaultSqlPrepareStatementStrategy {
        @Override
        public Iterator<?> createPopulateIterator(String query, String preparedQuery, int expectedParams, Exchange exchange,
                                                  Object value) throws SQLException {
            return super.createPopulateIterator(query, preparedQuery, expectedParams, exchange, value instanceof Map ? value : Map.of());
        }
    }
}
