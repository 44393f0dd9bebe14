package io.postdesk.service;

import io.postdesk.model.EditablePost;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Creating, changing and deleting posts, with validation, conflict detection and audit. */
public final class PostEditing {

    /** The rules that need no database (title 1-255, content required, author chosen). */
    public static List<FieldError> checkRules(PostDraft draft) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    public Optional<EditablePost> load(UUID id) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    public EditablePost create(PostDraft draft) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /** As {@link UserEditing#update}: refused with a ConflictException if the row changed; null version overwrites. */
    public EditablePost update(UUID id, Long version, PostDraft draft) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /** Deletes the posts (one audit row each); returns how many were deleted. */
    public int delete(Collection<UUID> ids) {
        throw new UnsupportedOperationException("TODO: editing service");
    }
}
