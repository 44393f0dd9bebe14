package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Transactions;
import io.postdesk.model.AuditFilter;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.store.AuditStore;
import io.postdesk.store.PostStore;
import io.postdesk.store.RightsStore;
import io.postdesk.store.UserStore;
import io.postdesk.testing.TestDatabase;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the window reads at start runs on plain JDBC, so its first page does not wait for Hibernate's
 * boot; and the posts' first page can be read ahead, while the window is still being built.
 */
class StartReadsTest {
    private static TestDatabase db;
    /** Transactions whose Hibernate fails the test when asked for. */
    private static Transactions withoutHibernate;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT (SELECT id FROM users), 'Post ' || i, 'text', true,"
                + " timestamptz '2026-01-01' + i * interval '1 day' FROM generate_series(1, 5) i");
        withoutHibernate = new Transactions(() -> {
            throw new AssertionError("Hibernate was asked for");
        }, db.dataSource(), null);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void theStartsReadsNeedNoHibernate() {
        PostService posts = new PostService(withoutHibernate, new PostStore());
        UserService users = new UserService(withoutHibernate, new UserStore());

        assertThat(posts.page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(2), null).rows())
                .extracting(PostRow::title).containsExactly("Post 5", "Post 4");
        assertThat(posts.count(PostFilter.NONE, null).value()).isEqualTo(5);
        assertThat(users.page(UserFilter.NONE, UserSort.NEWEST_FIRST, new PageRequest.First(10), null).rows()).hasSize(1);
        assertThat(users.count(UserFilter.NONE, null).value()).isEqualTo(1);
        assertThat(new RightsService(withoutHibernate, new RightsStore(), null).check().insertPosts()).isTrue();
        assertThat(new AuditService(withoutHibernate, new AuditStore("me")).history(AuditFilter.ALL, 10)).isEmpty();
    }

    @Test
    void aReadAheadDoesNotWaitForALockedTable() throws Exception {
        PostService posts = new PostService(withoutHibernate, new PostStore());
        try (java.sql.Connection blocker = db.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE posts IN ACCESS EXCLUSIVE MODE");
            long start = System.nanoTime();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> posts.readAhead(PostFilter.NONE,
                    PostSort.NEWEST_FIRST, new PageRequest.First(2)));

            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
            blocker.rollback();
        }
        assertThat(posts.page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(2), null).rows()).hasSize(2);
    }

    @Test
    void aPageReadAheadIsTakenByTheFirstSameRequestOnly() {
        PostService posts = new PostService(withoutHibernate, new PostStore());
        PageRequest first = new PageRequest.First(2);
        posts.readAhead(PostFilter.NONE, PostSort.NEWEST_FIRST, first);
        db.sql("UPDATE posts SET title = 'Changed' WHERE title = 'Post 5'");
        try {
            Page<PostRow> ahead = posts.page(PostFilter.NONE, PostSort.NEWEST_FIRST, first, null);
            Page<PostRow> again = posts.page(PostFilter.NONE, PostSort.NEWEST_FIRST, first, null);

            assertThat(ahead.rows()).extracting(PostRow::title).containsExactly("Post 5", "Post 4"); // read before
            assertThat(again.rows()).extracting(PostRow::title).containsExactly("Changed", "Post 4"); // afresh

            posts.readAhead(PostFilter.NONE, PostSort.NEWEST_FIRST, first);
            assertThat(posts.page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(3), null).rows())
                    .as("another page size is read, not the page read ahead").hasSize(3);
            assertThat(posts.page(PostFilter.NONE, PostSort.NEWEST_FIRST, first, null).rows())
                    .extracting(PostRow::title).containsExactly("Changed", "Post 4");
        } finally {
            db.sql("UPDATE posts SET title = 'Post 5' WHERE title = 'Changed'");
        }
    }
}
