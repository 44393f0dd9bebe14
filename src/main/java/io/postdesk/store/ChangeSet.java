package io.postdesk.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fields an audit row records, in the order they were added, written to
 * {@code postdesk_audit.changes} as {@code {"field": {"old": .., "new": ..}}}. A create has only
 * "new", a delete only "old"; a note ({@code "password": "changed"}) records that something
 * happened without its values, which is how passwords are recorded: never a hash.
 */
public final class ChangeSet {
    private record Entry(String field, boolean hasOld, Object oldValue, boolean hasNew, Object newValue,
                         String note) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Records the field only if the value differs. */
    public ChangeSet changed(String field, Object oldValue, Object newValue) {
        if (!Objects.equals(oldValue, newValue)) {
            entries.add(new Entry(field, true, oldValue, true, newValue, null));
        }
        return this;
    }

    public ChangeSet created(String field, Object value) {
        entries.add(new Entry(field, false, null, true, value, null));
        return this;
    }

    public ChangeSet removed(String field, Object value) {
        entries.add(new Entry(field, true, value, false, null, null));
        return this;
    }

    public ChangeSet note(String field, String text) {
        entries.add(new Entry(field, false, null, false, null, text));
        return this;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The JSON text; PostgreSQL parses (and so checks) it when it is cast to jsonb. */
    String toJson() {
        StringBuilder json = new StringBuilder("{");
        for (Entry entry : entries) {
            if (json.length() > 1) {
                json.append(',');
            }
            Json.string(json, entry.field()).append(':');
            if (entry.note() != null) {
                Json.string(json, entry.note());
                continue;
            }
            json.append('{');
            if (entry.hasOld()) {
                Json.value(json.append("\"old\":"), entry.oldValue());
            }
            if (entry.hasNew()) {
                Json.value(json.append(entry.hasOld() ? ",\"new\":" : "\"new\":"), entry.newValue());
            }
            json.append('}');
        }
        return json.append('}').toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
