package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.EditableUser;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.model.UserDraft;
import io.postdesk.store.AuditRecord;
import io.postdesk.store.AuditStore;
import io.postdesk.store.ChangeSet;
import io.postdesk.store.UserEditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Creating, changing and deleting users, with validation, Argon2id hashing, conflict detection
 * and an audit row in the same transaction. Call off the FX thread (hashing takes ~50 ms).
 */
public final class UserEditing {
    static final String TABLE = "users";

    private final Transactions transactions;
    private final UserEditStore users;
    private final PostEditing posts;
    private final AuditStore audit;
    private final PasswordHasher hasher;

    public UserEditing(Transactions transactions, UserEditStore users, PostEditing posts, AuditStore audit,
                       PasswordHasher hasher) {
        this.transactions = transactions;
        this.users = users;
        this.posts = posts;
        this.audit = audit;
        this.hasher = hasher;
    }

    /** The rules that need no database (lengths, email shape, password length); for as-you-type checks. */
    public static List<FieldError> checkRules(UserDraft draft, boolean isNew) {
        return UserRules.check(draft, isNew);
    }

    /** Rules plus uniqueness of username and email (ignoring case) against the database. */
    public List<FieldError> validate(UUID id, UserDraft draft) {
        List<FieldError> errors = new ArrayList<>(checkRules(draft, id == null));
        errors.addAll(transactions.read(session -> uniqueness(session, id, draft, errors)));
        return errors;
    }

    public Optional<EditableUser> load(UUID id) {
        return transactions.read(session -> users.load(session, id));
    }

    /**
     * Creates the user, and the first post when given, in one transaction: both or neither.
     * The first post's author is the new user, whatever its {@code authorId} says.
     *
     * @throws ValidationException for the user's or the post's fields (post fields are prefixed "post.")
     */
    public EditableUser create(UserDraft user, PostDraft firstPost) {
        List<FieldError> errors = new ArrayList<>(validate(null, user));
        if (firstPost != null) {
            errors.addAll(PostRules.check(firstPost, PostEditing.FIRST_POST, false));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String hash = hasher.hash(user.newPassword()); // before the transaction: no connection held while hashing
        try {
            return transactions.write(session -> {
                String username = UserRules.username(user);
                String email = UserRules.email(user);
                UUID id = users.insert(session, username, email, hash);
                audit.record(session, new AuditRecord(TABLE, id, AuditRecord.CREATE, new ChangeSet()
                        .created("username", username).created("email", email).note("password", "set")));
                if (firstPost != null) {
                    posts.insert(session, id, firstPost);
                }
                return users.load(session, id).orElseThrow();
            });
        } catch (RuntimeException e) {
            throw SaveErrors.translate(e, PostEditing.FIRST_POST);
        }
    }

    /**
     * Saves the form if the row still has {@code version}; with {@code version} null, overwrites
     * whatever is there (the user chose to, in the conflict dialog). Returns the saved user with
     * its new version; a form without changes writes nothing.
     *
     * @throws ConflictException when someone else changed or deleted the user meanwhile
     */
    public EditableUser update(UUID id, Long version, UserDraft draft) {
        List<FieldError> errors = validate(id, draft);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String password = UserRules.newPassword(draft);
        String hash = password == null ? null : hasher.hash(password);
        try {
            return transactions.write(session -> save(session, id, version, draft, hash));
        } catch (RuntimeException e) {
            throw SaveErrors.translate(e, "");
        }
    }

    /**
     * The old values are read before the UPDATE, which then only changes the row if it is still
     * that version (even when overwriting): so the audit's "old" is exactly what was replaced.
     */
    private EditableUser save(Session session, UUID id, Long version, UserDraft draft, String hash) {
        EditableUser old = users.load(session, id).orElseThrow(() -> new ConflictException(null));
        if (version != null && version != old.version()) {
            throw new ConflictException(old);
        }
        String username = UserRules.username(draft);
        String email = UserRules.email(draft);
        ChangeSet changes = new ChangeSet().changed("username", old.username(), username)
                .changed("email", old.email(), email);
        if (hash != null) {
            changes.note("password", "changed");
        }
        if (changes.isEmpty()) {
            return old;
        }
        if (!users.update(session, id, old.version(), username, email, hash)) {
            throw new ConflictException(users.load(session, id).orElse(null)); // changed since the read above
        }
        audit.record(session, new AuditRecord(TABLE, id, AuditRecord.UPDATE, changes));
        return users.load(session, id).orElseThrow();
    }

    /** How many posts go with the user when deleted (for the confirmation). */
    public long postCount(UUID id) {
        return transactions.read(session -> users.postCount(session, id));
    }

    /**
     * Deletes the user and, by cascade, their posts; returns how many posts went with them. The
     * user is locked first, so no post can be added between the count and the delete.
     *
     * @throws ConflictException when the user is already gone
     */
    public long delete(UUID id) {
        return transactions.write(session -> {
            EditableUser user = users.lock(session, id).orElseThrow(() -> new ConflictException(null));
            long postCount = users.postCount(session, id);
            users.delete(session, id);
            audit.record(session, new AuditRecord(TABLE, id, AuditRecord.DELETE, new ChangeSet()
                    .removed("username", user.username()).removed("email", user.email()).removed("posts", postCount)));
            return postCount;
        });
    }

    private List<FieldError> uniqueness(Session session, UUID id, UserDraft draft, List<FieldError> ruleErrors) {
        List<FieldError> taken = new ArrayList<>();
        if (!hasError(ruleErrors, FieldError.USERNAME) && users.usernameTaken(session, UserRules.username(draft), id)) {
            taken.add(new FieldError(FieldError.USERNAME, UserRules.USERNAME_TAKEN));
        }
        if (!hasError(ruleErrors, FieldError.EMAIL) && users.emailTaken(session, UserRules.email(draft), id)) {
            taken.add(new FieldError(FieldError.EMAIL, UserRules.EMAIL_TAKEN));
        }
        return taken;
    }

    private static boolean hasError(List<FieldError> errors, String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }
}
