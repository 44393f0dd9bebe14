package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/** A post as the form loads it; {@code version} is the row's {@code xmin} (see {@link EditableUser}). */
public record EditablePost(UUID id, String title, String content, boolean published, UUID authorId,
                           String authorName, Instant createdAt, Instant updatedAt, long version) {
}
