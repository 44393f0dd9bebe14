package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.db.Transactions;
import io.postdesk.model.Post;
import io.postdesk.model.User;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserWithPosts;
import io.postdesk.testing.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserStoreTest {
    private static TestDatabase db;
    private static Transactions tx;
    private final UserStore users = new UserStore();
    private final PostStore posts = new PostStore();

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
    void empty() {
        db.sql("DELETE FROM users");
    }

    @Test
    void createsAUserWithDatabaseTimestamps() {
        User alice = tx.write(s -> users.create(s, "alice", "alice@example.org", "$argon2id$hash"));

        assertThat(alice.getId()).isNotNull();
        assertThat(alice.getCreatedAt()).isNotNull();
        assertThat(alice.getUpdatedAt()).isEqualTo(alice.getCreatedAt());
        var result1 = tx.read(s -> users.findById(s, alice.getId()));
        assertThat(result1).get()
                .extracting(User::getUsername, User::getEmail)
                .containsExactly("alice", "alice@example.org");
    }

    @Test
    void findsByIdOrNothing() {
        var result2 = tx.read(s -> users.findById(s, UUID.randomUUID()));
        assertThat(result2).isEmpty();
    }

    @Test
    void findsByEmailIgnoringCase() {
        User bob = tx.write(s -> users.create(s, "bob", "Bob@Example.org", "h"));

        var result3 = tx.read(s -> users.findByEmail(s, "bob@example.ORG"));
        assertThat(result3).get()
                .extracting(User::getId).isEqualTo(bob.getId());
        var result4 = tx.read(s -> users.findByEmail(s, "nobody@example.org"));
        assertThat(result4).isEmpty();
    }

    @Test
    void duplicateUsernameIsRefusedByTheDatabase() {
        tx.write(s -> users.create(s, "carol", "carol@example.org", "h"));

        assertThatThrownBy(() -> tx.write(s -> users.create(s, "carol", "other@example.org", "h")))
                .isInstanceOf(ConstraintViolationException.class);
    }

    @Test
    void updatesTheUsernameAndTheDatabaseMovesUpdatedAt() {
        User dave = tx.write(s -> users.create(s, "dave", "dave@example.org", "h"));

        User renamed = tx.write(s -> users.updateUsername(s, dave.getId(), "david"));

        assertThat(renamed.getUsername()).isEqualTo("david");
        assertThat(renamed.getUpdatedAt()).isAfter(dave.getUpdatedAt());
        var result5 = tx.read(s -> users.findById(s, dave.getId()));
        assertThat(result5).get()
                .extracting(User::getUsername).isEqualTo("david");
    }

    @Test
    void updatingAMissingUserSaysSo() {
        UUID missing = UUID.randomUUID();
        assertThatThrownBy(() -> tx.write(s -> users.updateUsername(s, missing, "x")))
                .isInstanceOf(NoSuchRecordException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void deletingAUserTakesTheirPostsAndNoOneElses() {
        User erin = tx.write(s -> users.create(s, "erin", "erin@example.org", "h"));
        User frank = tx.write(s -> users.create(s, "frank", "frank@example.org", "h"));
        tx.write(s -> posts.create(s, erin.getId(), "Erin 1", "text", true));
        tx.write(s -> posts.create(s, erin.getId(), "Erin 2", "text", false));
        tx.write(s -> posts.create(s, frank.getId(), "Frank 1", "text", true));

        var result6 = tx.write(s -> users.delete(s, erin.getId()));
        assertThat(result6).isTrue();

        var result7 = tx.read(s -> users.findById(s, erin.getId()));
        assertThat(result7).isEmpty();
        var result8 = tx.read(s -> posts.ofUser(s, erin.getId()));
        assertThat(result8).isEmpty();
        var result9 = tx.read(s -> posts.ofUser(s, frank.getId()));
        assertThat(result9).extracting(Post::getTitle).containsExactly("Frank 1");
        var result10 = tx.write(s -> users.delete(s, erin.getId()));
        assertThat(result10).isFalse();
    }

    @Test
    void userWithPublishedPostsNewestFirstAndNoDrafts() {
        User grace = tx.write(s -> users.create(s, "grace", "grace@example.org", "h"));
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at) VALUES"
                + " ('" + grace.getId() + "', 'old', 'c', true, '2024-01-01T00:00Z'),"
                + " ('" + grace.getId() + "', 'new', 'c', true, '2026-01-01T00:00Z'),"
                + " ('" + grace.getId() + "', 'draft', 'c', false, '2025-01-01T00:00Z')");

        UserWithPosts profile = tx.read(s -> users.withPublishedPosts(s, grace.getId())).orElseThrow();

        assertThat(profile.user().getUsername()).isEqualTo("grace");
        // Touched after the transaction ended: authors are loaded, nothing is lazy.
        assertThat(profile.posts()).extracting(Post::getTitle).containsExactly("new", "old");
        assertThat(profile.posts()).allSatisfy(p -> assertThat(p.getAuthor().getUsername()).isEqualTo("grace"));
        var result11 = tx.read(s -> users.withPublishedPosts(s, UUID.randomUUID()));
        assertThat(result11).isEmpty();
    }

    @Test
    void firstPageHasNewestUsersWithPostCounts() {
        User heidi = tx.write(s -> users.create(s, "heidi", "heidi@example.org", "h"));
        tx.write(s -> users.create(s, "ivan", "ivan@example.org", "h"));
        tx.write(s -> posts.create(s, heidi.getId(), "p1", "c", true));
        tx.write(s -> posts.create(s, heidi.getId(), "p2", "c", false));

        List<UserRow> rows = tx.read(s -> users.firstPage(s, 10));

        assertThat(rows).extracting(UserRow::username).containsExactly("ivan", "heidi");
        assertThat(rows.get(1).publishedPosts()).isEqualTo(1);
        assertThat(rows.get(1).allPosts()).isEqualTo(2);
        var result12 = tx.read(s -> users.firstPage(s, 1));
        assertThat(result12).hasSize(1);
    }
}
