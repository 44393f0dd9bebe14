package io.postdesk.model;

import java.util.List;

/**
 * How the database's schema compares with what this PostDesk knows.
 *
 * @param currentVersion the newest applied migration, or "none"
 * @param pending        migrations this PostDesk would apply, as "V2 updated at trigger"
 * @param newerVersion   the newest applied migration this PostDesk does not know, or null
 */
public record SchemaStatus(String currentVersion, List<String> pending, String newerVersion) {
    public SchemaStatus {
        pending = List.copyOf(pending);
    }

    /** A newer PostDesk changed this database; this one must not write to it. */
    public boolean isNewerThanKnown() {
        return newerVersion != null;
    }

    public boolean isUpToDate() {
        return pending.isEmpty() && !isNewerThanKnown();
    }
}
