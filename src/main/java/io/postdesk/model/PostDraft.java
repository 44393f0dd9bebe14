package io.postdesk.model;

import java.util.UUID;

/** What the post form holds; the author is picked by username in the form, stored by id. */
public record PostDraft(String title, String content, boolean published, UUID authorId) {
}
