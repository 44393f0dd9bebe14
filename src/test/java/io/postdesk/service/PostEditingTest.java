package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.postdesk.model.EditablePost;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Posts through the editing service. "Someone else" is a plain UPDATE or DELETE on another
 * connection, as psql or the blog would send it: no PostDesk code involved.
 */
class PostEditingTest {
    private static TestDatabase db;
    private static EditingFixture fx;
    private UUID ann;
    private UUID bob;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void twoAuthors() {
        fx.clear();
        ann = fx.insertUser("ann", "ann@x.org");
        bob = fx.insertUser("bob", "bob@x.org");
    }

    @Test
    void createsAPost() {
        EditablePost post = fx.posts.create(new PostDraft("  Hello  ", "  indented text", true, ann));

        assertThat(post.title()).isEqualTo("Hello");
        assertThat(post.content()).isEqualTo("  indented text");
        assertThat(post.published()).isTrue();
        assertThat(post.authorName()).isEqualTo("ann");
        assertThat(fx.posts.load(post.id())).contains(post);
    }

    @Test
    void createRefusesBrokenRulesAndAnAuthorThatIsGone() {
        assertThatThrownBy(() -> fx.posts.create(new PostDraft("", "text", false, ann)))
                .isInstanceOfSatisfying(ValidationException.class, v -> assertThat(v.errors())
                        .extracting(FieldError::field).containsExactly(FieldError.TITLE));

        ValidationException gone = catchThrowableOfType(ValidationException.class,
                () -> fx.posts.create(new PostDraft("Hello", "text", false, UUID.randomUUID())));
        assertThat(gone.errors()).containsExactly(new FieldError(FieldError.AUTHOR, "The chosen author no longer exists."));
        assertThat(fx.count("SELECT count(*) FROM posts")).isZero();
    }

    @Test
    void updateSavesTheFormAndGivesTheNewVersion() {
        EditablePost post = fx.posts.create(new PostDraft("Draft", "text", false, ann));

        EditablePost saved = fx.posts.update(post.id(), post.version(), new PostDraft("Final", "more text", true, bob));

        assertThat(saved).extracting(EditablePost::title, EditablePost::content, EditablePost::published,
                EditablePost::authorName).containsExactly("Final", "more text", true, "bob");
        assertThat(saved.version()).isNotEqualTo(post.version());
        assertThat(saved.updatedAt()).isAfter(post.updatedAt());
    }

    @Test
    void updateIsRefusedWhenAPlainSqlWriterChangedThePostAfterItWasLoaded() {
        UUID id = fx.insertPost(ann, "Original");
        EditablePost loaded = fx.posts.load(id).orElseThrow();
        db.sql("UPDATE posts SET title = 'Changed in psql' WHERE id = '" + id + "'");

        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> fx.posts.update(id, loaded.version(), new PostDraft("Mine", "my text", true, ann)));

        assertThat(conflict.theirs()).isInstanceOfSatisfying(EditablePost.class, theirs -> {
            assertThat(theirs.title()).isEqualTo("Changed in psql");
            assertThat(theirs.version()).isNotEqualTo(loaded.version());
        });
        assertThat(fx.text("SELECT title FROM posts WHERE id = ?", id)).isEqualTo("Changed in psql");
    }

    @Test
    void anUpdateThatChangesNothingStillCountsAsAChange() {
        // xmin is a new row version, not a comparison of values: the documented price of using it.
        UUID id = fx.insertPost(ann, "Same");
        EditablePost loaded = fx.posts.load(id).orElseThrow();
        db.sql("UPDATE posts SET title = title WHERE id = '" + id + "'");

        assertThatThrownBy(() -> fx.posts.update(id, loaded.version(), new PostDraft("Mine", "text", false, ann)))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void updateIsRefusedWhenThePostWasDeletedEvenWhenOverwriting() {
        UUID id = fx.insertPost(ann, "Doomed");
        EditablePost loaded = fx.posts.load(id).orElseThrow();
        db.sql("DELETE FROM posts WHERE id = '" + id + "'");

        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> fx.posts.update(id, loaded.version(), new PostDraft("Mine", "text", false, ann)));
        assertThat(conflict.deleted()).isTrue();
        assertThat(ErrorMessages.describe(conflict)).isEqualTo("Someone else deleted this record after you opened it.");
        assertThatThrownBy(() -> fx.posts.update(id, null, new PostDraft("Mine", "text", false, ann)))
                .isInstanceOfSatisfying(ConflictException.class, c -> assertThat(c.deleted()).isTrue());
        assertThat(fx.count("SELECT count(*) FROM posts")).isZero();
    }

    @Test
    void overwritingWithoutAVersionReplacesTheirChange() {
        UUID id = fx.insertPost(ann, "Original");
        db.sql("UPDATE posts SET title = 'Theirs' WHERE id = '" + id + "'");

        EditablePost saved = fx.posts.update(id, null, new PostDraft("Mine", "text", false, ann));

        assertThat(saved.title()).isEqualTo("Mine");
        assertThat(fx.text("SELECT title FROM posts WHERE id = ?", id)).isEqualTo("Mine");
    }

    @Test
    void deletesManyPostsInChunksAndSkipsThoseAlreadyGone() {
        db.sql("INSERT INTO posts (user_id, title, content) SELECT '" + ann + "', 'Post ' || i, 'text'"
                + " FROM generate_series(1, 2500) i");
        db.sql("INSERT INTO posts (user_id, title, content) VALUES ('" + bob + "', 'Keep me', 'text')");
        List<UUID> ids = new ArrayList<>(fx.column("SELECT id FROM posts WHERE user_id = ?", ann).stream()
                .map(UUID::fromString).toList());
        ids.add(UUID.randomUUID()); // deleted by someone else already
        ids.add(ids.get(0)); // selected twice

        assertThat(fx.posts.delete(ids)).isEqualTo(2500);

        assertThat(fx.column("SELECT title FROM posts")).containsExactly("Keep me");
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit WHERE action = 'delete' AND table_name = 'posts'"))
                .isEqualTo(2500);
        assertThat(fx.posts.delete(List.of())).isZero();
    }
}
