package io.postdesk.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement of PostDesk that waits for a lock another session holds, and who that session is,
 * as {@code pg_stat_activity} shows it to PostDesk's role. What the role may not read is null
 * (another role's query, state and times, without pg_read_all_stats).
 *
 * @param waitingPid  the server process of PostDesk's waiting statement
 * @param blockerPid  the server process of the session holding the lock
 * @param since       when the blocker's transaction began (it holds the lock since then at most), or null
 * @param query       the blocker's last statement, or null when the role may not read it
 * @param relation    the table PostDesk waits for ("posts"), or null when it waits for a row another
 *                    transaction changed
 */
public record LockWait(int waitingPid, int blockerPid, String user, String application, String clientAddress,
                       String state, Instant since, String query, String relation) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ENGLISH);

    /** "Waiting for a lock held by session 12345 (user blog, application psql, since 14:02:11)". */
    public String describe() {
        return "Waiting for a lock held by " + blocker();
    }

    /** What is locked: "posts", or "a row PostDesk needs" when the wait is for a row. */
    public String lockedObject() {
        return relation == null || relation.isBlank() ? "a row PostDesk needs" : relation;
    }

    /** After the user cancelled the wait: "Cancelled — posts is locked by session 12345 (…). Nothing was changed." */
    public String cancelled() {
        return "Cancelled — " + lockedObject() + " is locked by " + blocker() + ". Nothing was changed.";
    }

    /** "session 12345 (user blog, application psql, idle in transaction, since 14:02:11)". */
    public String blocker() {
        List<String> about = new ArrayList<>();
        if (user != null) {
            about.add("user " + user);
        }
        about.add(application == null || application.isBlank() ? "no application name" : "application " + application);
        if (clientAddress != null) {
            about.add("from " + clientAddress);
        }
        if ("idle in transaction".equals(state)) {
            about.add("idle in transaction"); // the usual culprit: a psql session left open
        }
        if (since != null) {
            about.add("since " + time(since, ZoneId.systemDefault()));
        }
        return "session " + blockerPid + " (" + String.join(", ", about) + ")";
    }

    /** The blocker's last statement on one line, shortened; empty when the role may not read it. */
    public String queryLine() {
        if (query == null || query.isBlank()) {
            return "";
        }
        String line = query.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 119) + "…" : line;
    }

    static String time(Instant instant, ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        return at.toLocalDate().equals(LocalDate.now(zone)) ? TIME.format(at) : DAY_AND_TIME.format(at);
    }
}
