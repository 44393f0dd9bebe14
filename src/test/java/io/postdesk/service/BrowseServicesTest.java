package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Transactions;
import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserPosts;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.store.PostStore;
import io.postdesk.store.UserStore;
import io.postdesk.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The browse use cases end to end through the services, each in its own read transaction. */
class BrowseServicesTest {
    private static TestDatabase db;
    private static PostService posts;
    private static UserService users;
    private static UUID ann;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        Transactions tx = db.transactions();
        posts = new PostService(tx, new PostStore());
        users = new UserService(tx, new UserStore());
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@example.org', 'h'),"
                + " ('Anna', 'anna@example.org', 'h'), ('bob', 'bob@example.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT (SELECT id FROM users WHERE username = 'ann'), 'Post ' || i, 'text ' || i, i % 2 = 0,"
                + " timestamptz '2026-01-01' + i * interval '1 day' FROM generate_series(1, 30) i");
        ann = posts.authorsStartingWith("ann", 10).stream().filter(a -> a.username().equals("ann"))
                .findFirst().orElseThrow().id();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void postsPageCountAndDetail() {
        PostFilter published = PostFilter.NONE.withPublished(io.postdesk.model.PublishedFilter.PUBLISHED);
        Page<PostRow> first = posts.page(published, PostSort.NEWEST_FIRST, new PageRequest.First(10), new Cancellation());
        Page<PostRow> next = posts.page(published, PostSort.NEWEST_FIRST, new PageRequest.Next(10, first.last()), null);

        assertThat(first.rows()).extracting(PostRow::title).startsWith("Post 30", "Post 28");
        assertThat(next.rows()).extracting(PostRow::title).containsExactly("Post 10", "Post 8", "Post 6", "Post 4", "Post 2");
        assertThat(posts.count(published, null)).isEqualTo(new RowCount(15, true));
        assertThat(posts.exactCount(published, new Cancellation())).isEqualTo(new RowCount(15, true));
        assertThat(posts.detail(first.rows().get(0).id())).get()
                .satisfies(d -> assertThat(d.content()).isEqualTo("text 30"))
                .satisfies(d -> assertThat(d.author()).isEqualTo("ann"));
    }

    @Test
    void authorTypeAhead() {
        assertThat(posts.authorsStartingWith("AN", 10)).extracting(AuthorSuggestion::username)
                .containsExactly("Anna", "ann");
    }

    @Test
    void usersPageCountAndTheirPosts() {
        Page<UserRow> page = users.page(UserFilter.NONE.withSearch("ann"), new UserSort(UserSort.Key.USERNAME, true),
                new PageRequest.First(25), null);

        assertThat(page.rows()).extracting(UserRow::username).containsExactly("Anna", "ann");
        assertThat(page.rows().get(1).allPosts()).isEqualTo(30);
        assertThat(page.rows().get(1).publishedPosts()).isEqualTo(15);
        assertThat(users.count(UserFilter.NONE, null)).isEqualTo(new RowCount(3, true));
        assertThat(users.exactCount(UserFilter.NONE.withSearch("@example.org"), null)).isEqualTo(new RowCount(3, true));

        UserPosts opened = users.postsOf(ann, 25, new Cancellation());
        assertThat(opened.newest().rows()).hasSize(25).first().extracting(PostRow::title).isEqualTo("Post 30");
        assertThat(opened.newest().hasNext()).isTrue();
        assertThat(opened.total()).isEqualTo(30);
        assertThat(opened.published()).isEqualTo(15);
        assertThat(opened.drafts()).isEqualTo(15);
        Page<PostRow> more = users.morePostsOf(ann, 25, opened.newest().last(), null);
        assertThat(more.rows()).extracting(PostRow::title).containsExactly("Post 5", "Post 4", "Post 3", "Post 2", "Post 1");
        assertThat(more.hasNext()).isFalse();
    }
}
