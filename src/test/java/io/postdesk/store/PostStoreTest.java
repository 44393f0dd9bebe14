package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.db.Transactions;
import io.postdesk.model.Post;
import io.postdesk.model.PostRow;
import io.postdesk.model.User;
import io.postdesk.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostStoreTest {
    private static TestDatabase db;
    private static Transactions tx;
    private final UserStore users = new UserStore();
    private final PostStore posts = new PostStore();
    private User author;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        tx = db.transactions();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void oneAuthor() {
        db.sql("DELETE FROM users");
        author = tx.write(s -> users.create(s, "author", "author@example.org", "h"));
    }

    @Test
    void createsAPostWithItsAuthorLoaded() {
        Post post = tx.write(s -> posts.create(s, author.getId(), "Hello", "Ünïcödé content ✓", true));

        assertThat(post.getId()).isNotNull();
        assertThat(post.getCreatedAt()).isNotNull();
        assertThat(post.getAuthor().getUsername()).isEqualTo("author");
        var result1 = tx.read(s -> posts.ofUser(s, author.getId()));
        assertThat(result1).singleElement()
                .satisfies(p -> {
                    assertThat(p.getContent()).isEqualTo("Ünïcödé content ✓");
                    assertThat(p.isPublished()).isTrue();
                });
    }

    @Test
    void aPostForAMissingAuthorIsRefused() {
        UUID nobody = UUID.randomUUID();
        assertThatThrownBy(() -> tx.write(s -> posts.create(s, nobody, "t", "c", false)))
                .isInstanceOf(NoSuchRecordException.class);
    }

    @Test
    void postsOfAUserIncludeDraftsNewestFirst() {
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at) VALUES"
                + " ('" + author.getId() + "', 'b', 'c', false, '2025-01-01T00:00Z'),"
                + " ('" + author.getId() + "', 'c', 'c', true, '2026-01-01T00:00Z'),"
                + " ('" + author.getId() + "', 'a', 'c', true, '2024-01-01T00:00Z')");

        List<Post> list = tx.read(s -> posts.ofUser(s, author.getId()));

        assertThat(list).extracting(Post::getTitle).containsExactly("c", "b", "a");
        assertThat(list).allSatisfy(p -> assertThat(p.getAuthor().getEmail()).isEqualTo("author@example.org"));
    }

    @Test
    void updatedAtFollowsAPlainSqlUpdateFromAnyWriter() {
        Post post = tx.write(s -> posts.create(s, author.getId(), "before", "c", false));

        db.sql("UPDATE posts SET title = 'after' WHERE id = '" + post.getId() + "'");

        Post reread = tx.read(s -> posts.ofUser(s, author.getId())).get(0);
        assertThat(reread.getTitle()).isEqualTo("after");
        assertThat(reread.getUpdatedAt()).isAfter(post.getUpdatedAt());
    }

    @Test
    void firstPageRowsCarryTheAuthorName() {
        tx.write(s -> posts.create(s, author.getId(), "one", "c", true));
        tx.write(s -> posts.create(s, author.getId(), "two", "c", false));

        List<PostRow> rows = tx.read(s -> posts.firstPage(s, 10));

        assertThat(rows).extracting(PostRow::title).containsExactly("two", "one");
        assertThat(rows).extracting(PostRow::author).containsOnly("author");
        assertThat(rows).extracting(PostRow::published).containsExactly(false, true);
    }
}
