package io.postdesk.model;

import java.util.UUID;

/** A username offered by the author type-ahead. */
public record AuthorSuggestion(UUID id, String username) {
    @Override
    public String toString() {
        return username;
    }
}
