package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/** One line of the posts table: plain values, safe on any thread. */
public record PostRow(UUID id, String title, String author, boolean published, Instant createdAt,
                      Instant updatedAt) {
}
