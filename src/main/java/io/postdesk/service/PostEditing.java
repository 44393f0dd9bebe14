package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.EditablePost;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.store.AuditRecord;
import io.postdesk.store.AuditStore;
import io.postdesk.store.ChangeSet;
import io.postdesk.store.PostEditStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Creating, changing and deleting posts, with validation, conflict detection and audit. */
public final class PostEditing {
    static final String TABLE = "posts";
    /** How the new-user form names the fields of its first post: "post.title". */
    static final String FIRST_POST = "post.";

    private final Transactions transactions;
    private final PostEditStore posts;
    private final AuditStore audit;

    public PostEditing(Transactions transactions, PostEditStore posts, AuditStore audit) {
        this.transactions = transactions;
        this.posts = posts;
        this.audit = audit;
    }

    /** The rules that need no database (title 1-255, content required, author chosen). */
    public static List<FieldError> checkRules(PostDraft draft) {
        return PostRules.check(draft, "", true);
    }

    public Optional<EditablePost> load(UUID id) {
        return transactions.read(session -> posts.load(session, id));
    }

    /** @throws ValidationException when a rule is broken or the author no longer exists */
    public EditablePost create(PostDraft draft) {
        requireValid(draft);
        try {
            return transactions.write(session -> posts.load(session, insert(session, draft.authorId(), draft)).orElseThrow());
        } catch (RuntimeException e) {
            throw SaveErrors.translate(e, "");
        }
    }

    /** Inserts the post for the author, with its audit row, in the caller's transaction. */
    UUID insert(Session session, UUID authorId, PostDraft draft) {
        String title = PostRules.title(draft);
        UUID id = posts.insert(session, authorId, title, draft.content(), draft.published());
        String author = posts.username(session, authorId).orElse(null);
        audit.record(session, new AuditRecord(TABLE, id, AuditRecord.CREATE, new ChangeSet().created("title", title)
                .created("content", draft.content()).created("published", draft.published()).created("author", author)));
        return id;
    }

    /** As {@link UserEditing#update}: refused with a ConflictException if the row changed; null version overwrites. */
    public EditablePost update(UUID id, Long version, PostDraft draft) {
        requireValid(draft);
        try {
            return transactions.write(session -> save(session, id, version, draft));
        } catch (RuntimeException e) {
            throw SaveErrors.translate(e, "");
        }
    }

    /** As in UserEditing: the UPDATE only replaces the version read, so the audit's "old" is exact. */
    private EditablePost save(Session session, UUID id, Long version, PostDraft draft) {
        EditablePost old = posts.load(session, id).orElseThrow(() -> new ConflictException(null));
        if (version != null && version != old.version()) {
            throw new ConflictException(old);
        }
        String title = PostRules.title(draft);
        ChangeSet changes = new ChangeSet().changed("title", old.title(), title)
                .changed("content", old.content(), draft.content())
                .changed("published", old.published(), draft.published());
        if (!old.authorId().equals(draft.authorId())) {
            changes.changed("author", old.authorName(), posts.username(session, draft.authorId()).orElse(null));
        }
        if (changes.isEmpty()) {
            return old;
        }
        if (!posts.update(session, id, old.version(), draft.authorId(), title, draft.content(), draft.published())) {
            throw new ConflictException(posts.load(session, id).orElse(null)); // changed since the read above
        }
        audit.record(session, new AuditRecord(TABLE, id, AuditRecord.UPDATE, changes));
        return posts.load(session, id).orElseThrow();
    }

    /** Deletes the posts (one audit row each); returns how many were deleted. Ids already gone are skipped. */
    public int delete(Collection<UUID> ids) {
        List<UUID> distinct = new ArrayList<>(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return 0;
        }
        return transactions.write(session -> {
            List<PostEditStore.Deleted> deleted = posts.delete(session, distinct);
            audit.record(session, deleted.stream().map(post -> new AuditRecord(TABLE, post.id(), AuditRecord.DELETE,
                    new ChangeSet().removed("title", post.title()).removed("author", post.author()))).toList());
            return deleted.size();
        });
    }

    private static void requireValid(PostDraft draft) {
        List<FieldError> errors = checkRules(draft);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
