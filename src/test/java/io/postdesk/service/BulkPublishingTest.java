package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.Cancellation;
import io.postdesk.model.EditablePost;
import io.postdesk.model.PostDraft;
import io.postdesk.model.PostFilter;
import io.postdesk.model.Progress;
import io.postdesk.model.PublishedFilter;
import io.postdesk.store.AuditStore;
import io.postdesk.store.BulkPublishStore;
import io.postdesk.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bulk publish and unpublish on the real database: set-based, one transaction, one audit row. */
class BulkPublishingTest {
    private static TestDatabase db;
    private static EditingFixture fx;
    private static BulkPublishing publishing;
    /** Small chunks, so a few dozen rows already cross several chunk boundaries. */
    private static BulkPublishing smallChunks;
    private UUID ann;
    private UUID bob;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
        AuditStore audit = new AuditStore(EditingFixture.DESKTOP_USER);
        publishing = new BulkPublishing(db.transactions(), new BulkPublishStore(), audit);
        smallChunks = new BulkPublishing(db.transactions(), new BulkPublishStore(), audit, 7);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void data() {
        fx.clear();
        ann = fx.insertUser("ann", "ann@x.org");
        bob = fx.insertUser("bob", "bob@x.org");
        // 30 drafts by ann titled "news N", 10 drafts by bob titled "other N", 5 published news by ann,
        // all with an updated_at well in the past so a change is visible.
        db.sql("INSERT INTO posts (user_id, title, content, published, updated_at) SELECT '" + ann
                + "', 'news ' || g, 'text', false, now() - interval '1 day' FROM generate_series(1, 30) g");
        db.sql("INSERT INTO posts (user_id, title, content, published, updated_at) SELECT '" + bob
                + "', 'other ' || g, 'text', false, now() - interval '1 day' FROM generate_series(1, 10) g");
        db.sql("INSERT INTO posts (user_id, title, content, published, updated_at) SELECT '" + ann
                + "', 'news published ' || g, 'text', true, now() - interval '1 day' FROM generate_series(1, 5) g");
    }

    @Test
    void publishesEveryDraftMatchingAFilterInChunks() {
        PostFilter filter = PostFilter.NONE.withSearch("news").withAuthor(ann, "ann");
        assertThat(smallChunks.count(filter, true, null)).isEqualTo(30);

        List<Progress> reports = new ArrayList<>();
        long changed = smallChunks.apply(filter, true, reports::add, null);

        assertThat(changed).isEqualTo(30);
        assertThat(fx.count("SELECT count(*) FROM posts WHERE title LIKE 'news %' AND published")).isEqualTo(35);
        assertThat(fx.count("SELECT count(*) FROM posts WHERE title LIKE 'news %' AND updated_at > now() - interval '1 hour'"))
                .as("only the 30 that changed are touched").isEqualTo(30);
        assertThat(fx.count("SELECT count(*) FROM posts WHERE title LIKE 'other %' AND NOT published"
                + " AND updated_at < now() - interval '1 hour'")).as("outside the filter: untouched").isEqualTo(10);
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1).done()).isEqualTo(30);
        assertThat(reports.get(reports.size() - 1).total()).isEqualTo(30);
        assertThat(fx.column("SELECT action || ' ' || (changes->>'count') || ' ' || (changes->>'selection')"
                + " || ' ' || coalesce(record_id::text, '-') FROM postdesk_audit"))
                .containsExactly("publish 30 posts matching search \"news\", author ann -");
        assertThat(smallChunks.count(filter, true, null)).isZero();
    }

    @Test
    void unpublishesTheSelectedIdsAcrossChunkBoundaries() {
        List<UUID> ids = new ArrayList<>(fx.column("SELECT id FROM posts ORDER BY id").stream().map(UUID::fromString).toList());
        ids.add(ids.get(0)); // a duplicate counts once
        assertThat(smallChunks.count(ids, false)).isEqualTo(5);
        long published = smallChunks.apply(ids, true, null, null);
        assertThat(published).isEqualTo(40);
        assertThat(fx.count("SELECT count(*) FROM posts WHERE published")).isEqualTo(45);

        long unpublished = smallChunks.apply(ids.subList(0, 23), false, null, null);

        assertThat(unpublished).isEqualTo(23);
        assertThat(fx.count("SELECT count(*) FROM posts WHERE published")).isEqualTo(22);
        assertThat(fx.column("SELECT action || ' ' || (changes->>'count') || ' ' || (changes->>'selection')"
                + " FROM postdesk_audit ORDER BY id"))
                .containsExactly("publish 40 45 selected posts", "unpublish 23 23 selected posts");
    }

    @Test
    void anEditorWithAPublishedPostOpenGetsAConflict() {
        UUID id = fx.uuid("SELECT id FROM posts WHERE title = 'news 1'");
        EditablePost open = fx.posts.load(id).orElseThrow();

        publishing.apply(PostFilter.NONE.withPublished(PublishedFilter.DRAFTS), true, null, null);

        assertThatThrownBy(() -> fx.posts.update(id, open.version(), new PostDraft("mine", "text", false, ann)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void cancelRollsEverythingBack() {
        Cancellation cancellation = new Cancellation();
        assertThatThrownBy(() -> smallChunks.apply(PostFilter.NONE, true, progress -> {
            if (progress.done() >= 14) {
                cancellation.cancel();
            }
        }, cancellation)).isInstanceOf(CancelledException.class);

        assertThat(fx.count("SELECT count(*) FROM posts WHERE published")).isEqualTo(5);
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
    }
}
