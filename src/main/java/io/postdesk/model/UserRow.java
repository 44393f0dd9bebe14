package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/** One line of the users table: plain values, safe on any thread. */
public record UserRow(UUID id, String username, String email, Instant createdAt, Instant updatedAt,
                      long publishedPosts, long allPosts) {
}
