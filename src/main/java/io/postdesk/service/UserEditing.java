package io.postdesk.service;

import io.postdesk.model.EditableUser;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.model.UserDraft;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Creating, changing and deleting users, with validation, Argon2id hashing, conflict detection
 * and an audit row in the same transaction. Call off the FX thread (hashing takes ~50 ms).
 */
public final class UserEditing {

    /** The rules that need no database (lengths, email shape, password length); for as-you-type checks. */
    public static List<FieldError> checkRules(UserDraft draft, boolean isNew) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /** Rules plus uniqueness of username and email (ignoring case) against the database. */
    public List<FieldError> validate(UUID id, UserDraft draft) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    public Optional<EditableUser> load(UUID id) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /**
     * Creates the user, and the first post when given, in one transaction: both or neither.
     *
     * @throws ValidationException for the user's or the post's fields (post fields are prefixed "post.")
     */
    public EditableUser create(UserDraft user, PostDraft firstPost) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /**
     * Saves the form if the row still has {@code version}; with {@code version} null, overwrites
     * whatever is there (the user chose to, in the conflict dialog).
     *
     * @throws ConflictException when someone else changed or deleted the user meanwhile
     */
    public EditableUser update(UUID id, Long version, UserDraft draft) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /** How many posts go with the user when deleted (for the confirmation). */
    public long postCount(UUID id) {
        throw new UnsupportedOperationException("TODO: editing service");
    }

    /** Deletes the user and, by cascade, their posts; returns how many posts went with them. */
    public long delete(UUID id) {
        throw new UnsupportedOperationException("TODO: editing service");
    }
}
