package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/**
 * One committed change to {@code users} or {@code posts}, by any writer (V9's capture triggers).
 *
 * @param committed when its transaction committed
 * @param table     users or posts
 * @param operation insert, update, delete or truncate
 * @param key       the row's id; null for truncate
 * @param values    a JSON object of the new values: every column on insert, the changed ones on
 *                  update, none on delete; never a password hash
 * @param writer    the writing session's postdesk.writer tag (a PostDesk process's own), or null
 */
public record Change(ChangeCursor cursor, Instant committed, String table, String operation, UUID key, String values,
                     String writer) {
}
