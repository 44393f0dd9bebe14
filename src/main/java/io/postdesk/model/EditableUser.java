package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A user as the form loads it. {@code version} is PostgreSQL's {@code xmin} of the row: it
 * changes with every UPDATE by any writer, so a save can tell whether someone else got there
 * first. Never carries the password hash.
 */
public record EditableUser(UUID id, String username, String email, Instant createdAt, Instant updatedAt,
                           long version) {
}
