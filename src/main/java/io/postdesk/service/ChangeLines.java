package io.postdesk.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.postdesk.model.Change;

/** A change as one JSON line: cursor, time, table, op, key, values (what {@code postdesk changes} prints). */
public final class ChangeLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeLines() {
    }

    /** The names of the columns a change carries values for (an update: the ones that changed), updated_at left out. */
    public static java.util.Set<String> fields(Change change) {
        try {
            java.util.Set<String> names = new java.util.TreeSet<>();
            JSON.readTree(change.values()).fieldNames().forEachRemaining(names::add);
            names.remove("updated_at");
            return names;
        } catch (JsonProcessingException e) {
            return java.util.Set.of();
        }
    }

    public static String line(Change change) {
        ObjectNode line = JSON.createObjectNode();
        line.put("cursor", change.cursor().toString());
        line.put("time", change.committed().toString());
        line.put("table", change.table());
        line.put("op", change.operation());
        line.put("key", change.key() == null ? null : change.key().toString());
        try {
            line.set("values", JSON.readTree(change.values()));
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The change log holds a value that is not JSON at " + change.cursor(), e);
        }
    }
}
