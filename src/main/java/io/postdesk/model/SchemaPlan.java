package io.postdesk.model;

import java.util.List;

/**
 * What a change of PostDesk's schema version will do, shown before it is done ({@code postdesk
 * migrate --to N}, {@code postdesk uninstall}, the window's Schema dialog).
 *
 * @param kind   forward, back, uninstall, or nothing to do
 * @param from   the version now ("none" before PostDesk's first migration)
 * @param to     the version afterwards ("none" once uninstalled)
 * @param steps  what runs, in order, as "Undo V8 post days of timestamps in utc"
 * @param notes  how it runs: transactions, locks, what stays
 */
public record SchemaPlan(Kind kind, String from, String to, List<String> steps, List<String> notes) {
    public enum Kind { NOTHING, FORWARD, BACK, UNINSTALL }

    /** The version of a database PostDesk has not set up (no history of its migrations): said in words, not shown. */
    public static final String NONE = "none";

    public SchemaPlan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public boolean changesSomething() {
        return kind != Kind.NOTHING;
    }

    /** The plan as lines for a terminal or a dialog. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        boolean neverSetUp = NONE.equals(from);
        text.append(switch (kind) {
            case NOTHING -> neverSetUp ? "PostDesk has not set up this database yet, and nothing asks it to."
                    : "The schema is at version " + from + ": nothing to do.";
            case FORWARD -> neverSetUp ? "Set up PostDesk's schema, up to version " + to
                    + ", on a database PostDesk has not set up yet:"
                    : "Migrate the schema from version " + from + " to " + to + ":";
            case BACK -> "Take the schema back from version " + from + " to " + to + ":";
            case UNINSTALL -> neverSetUp ? "Remove what is left of PostDesk (it has not set up this database):"
                    : "Remove everything PostDesk created (schema version " + from + "):";
        });
        for (String step : steps) {
            text.append("\n  - ").append(step);
        }
        if (!notes.isEmpty()) {
            text.append("\n");
        }
        for (String note : notes) {
            text.append("\n").append(note);
        }
        return text.toString();
    }
}
