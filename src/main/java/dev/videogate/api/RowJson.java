package dev.videogate.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** A SQL row as operators read it in JSON: each column as a camelCase text field (refund_tx -> refundTx), nulls kept. */
public final class RowJson {

    private RowJson() {
    }

    public static ObjectNode put(ObjectNode entry, Map<String, Object> row, Iterable<String> columns) {
        for (String column : columns) {
            Object value = row.get(column);
            entry.put(camel(column), value == null ? null : value.toString());
        }
        return entry;
    }

    static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
