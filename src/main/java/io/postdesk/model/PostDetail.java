package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/** A whole post for the detail pane, with its author's name: plain values, safe on any thread. */
public record PostDetail(UUID id, String title, String content, UUID authorId, String author, boolean published,
                         Instant createdAt, Instant updatedAt) {
}
