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
