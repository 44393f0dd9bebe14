package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.postdesk.model.EditableUser;
import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.model.UserDraft;
import io.postdesk.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Users through the editing service, against the real database; other writers use plain SQL. */
class UserEditingTest {
    private static TestDatabase db;
    private static EditingFixture fx;

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
    void empty() {
        fx.clear();
    }

    private static UserDraft draft(String username, String email) {
        return new UserDraft(username, email, "a good password");
    }

    @Test
    void validateFindsTakenUsernamesAndEmailsIgnoringCase() {
        fx.insertUser("alice", "Alice@x.org");

        assertThat(fx.users.validate(null, draft("alice", "other@x.org")))
                .containsExactly(new FieldError(FieldError.USERNAME, "This username is already taken."));
        assertThat(fx.users.validate(null, draft("alice2", "alice@x.org")))
                .containsExactly(new FieldError(FieldError.EMAIL,
                        "Another user already has this email address (ignoring case)."));
        assertThat(fx.users.validate(null, draft("alice2", "ALICE@X.ORG  "))).extracting(FieldError::field)
                .containsExactly(FieldError.EMAIL);
        assertThat(fx.users.validate(null, draft("Alice", "alice2@x.org"))).isEmpty(); // usernames are case-sensitive
    }

    @Test
    void validateLetsAUserKeepTheirOwnNameAndEmail() {
        UUID alice = fx.insertUser("alice", "Alice@x.org");

        assertThat(fx.users.validate(alice, new UserDraft("alice", "alice@X.org", null))).isEmpty();
    }

    @Test
    void validateReportsRulesBeforeAskingTheDatabase() {
        assertThat(fx.users.validate(null, new UserDraft("", "not an address", "short"))).extracting(FieldError::field)
                .containsExactly(FieldError.USERNAME, FieldError.EMAIL, FieldError.PASSWORD);
    }

    @Test
    void createsAUserWithAnArgon2idHashThatIsNeverReturned() {
        EditableUser ann = fx.users.create(new UserDraft("  ann ", " Ann@Example.org ", "a good password"), null);

        assertThat(ann.username()).isEqualTo("ann");
        assertThat(ann.email()).isEqualTo("Ann@Example.org");
        assertThat(ann.createdAt()).isNotNull();
        assertThat(ann.version()).isPositive();
        assertThat(ann.toString()).doesNotContain("argon2");
        String hash = fx.text("SELECT password_hash FROM users WHERE id = ?", ann.id());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(new PasswordHasher().verify("a good password", hash)).isTrue();
    }

    @Test
    void createRefusesAnInvalidOrTakenUserAndSavesNothing() {
        fx.insertUser("bob", "bob@x.org");

        ValidationException invalid = catchThrowableOfType(ValidationException.class,
                () -> fx.users.create(new UserDraft("carol", "BOB@x.org", "a good password"), null));

        assertThat(invalid.errors()).extracting(FieldError::field).containsExactly(FieldError.EMAIL);
        assertThat(fx.count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void createsTheUserAndTheFirstPostTogether() {
        EditableUser dan = fx.users.create(draft("dan", "dan@x.org"),
                new PostDraft(" Hello ", "My first post", true, null));

        assertThat(fx.column("SELECT title || '/' || published FROM posts WHERE user_id = ?", dan.id()))
                .containsExactly("Hello/true");
    }

    @Test
    void anInvalidFirstPostLeavesNoUser() {
        ValidationException invalid = catchThrowableOfType(ValidationException.class,
                () -> fx.users.create(draft("erin", "erin@x.org"), new PostDraft(" ", "", false, null)));

        assertThat(invalid.errors()).extracting(FieldError::field).containsExactly("post.title", "post.content");
        assertThat(fx.count("SELECT count(*) FROM users")).isZero();
    }

    @Test
    void aFirstPostTheDatabaseRefusesLeavesNoUserAndNoAuditRow() {
        // A rule of the blog's that PostDesk does not know, checked by the database after the user's INSERT.
        db.sql("ALTER TABLE posts ADD CONSTRAINT no_spam CHECK (title <> 'Buy now')");
        try {
            assertThatThrownBy(() -> fx.users.create(draft("frank", "frank@x.org"),
                    new PostDraft("Buy now", "cheap", true, null)))
                    .satisfies(e -> assertThat(ErrorMessages.describe(e)).doesNotContain("Exception"));

            assertThat(fx.count("SELECT count(*) FROM users")).isZero();
            assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
        } finally {
            db.sql("ALTER TABLE posts DROP CONSTRAINT no_spam");
        }
    }

    @Test
    void updateSavesTheFormAndReturnsTheNewVersion() {
        EditableUser gina = fx.users.create(draft("gina", "gina@x.org"), null);

        EditableUser saved = fx.users.update(gina.id(), gina.version(), new UserDraft("gina2", "gina@x.org", ""));

        assertThat(saved.username()).isEqualTo("gina2");
        assertThat(saved.version()).isNotEqualTo(gina.version());
        assertThat(saved.updatedAt()).isAfter(gina.updatedAt()); // the trigger's now(), a later transaction
        assertThat(fx.users.load(gina.id())).contains(saved);
        // Saving again from the returned version is no conflict.
        assertThat(fx.users.update(gina.id(), saved.version(), new UserDraft("gina3", "gina@x.org", null)).username())
                .isEqualTo("gina3");
    }

    @Test
    void anEmptyNewPasswordKeepsTheOldOneAndANewOneIsHashed() {
        EditableUser hal = fx.users.create(draft("hal", "hal@x.org"), null);
        String before = fx.text("SELECT password_hash FROM users WHERE id = ?", hal.id());

        EditableUser kept = fx.users.update(hal.id(), hal.version(), new UserDraft("hal", "hal@x.org", ""));
        assertThat(fx.text("SELECT password_hash FROM users WHERE id = ?", hal.id())).isEqualTo(before);
        assertThat(kept.version()).as("nothing changed, nothing written").isEqualTo(hal.version());

        fx.users.update(hal.id(), kept.version(), new UserDraft("hal", "hal@x.org", "another password"));
        String after = fx.text("SELECT password_hash FROM users WHERE id = ?", hal.id());
        assertThat(after).isNotEqualTo(before);
        assertThat(new PasswordHasher().verify("another password", after)).isTrue();
    }

    @Test
    void updateIsRefusedWhenSomeoneElseChangedTheUser() {
        EditableUser ivy = fx.users.create(draft("ivy", "ivy@x.org"), null);
        db.sql("UPDATE users SET email = 'ivy@elsewhere.org' WHERE id = '" + ivy.id() + "'");

        ConflictException conflict = catchThrowableOfType(ConflictException.class,
                () -> fx.users.update(ivy.id(), ivy.version(), new UserDraft("ivy-mine", "ivy@x.org", null)));

        assertThat(conflict.deleted()).isFalse();
        assertThat(conflict.theirs()).isInstanceOfSatisfying(EditableUser.class,
                theirs -> assertThat(theirs.email()).isEqualTo("ivy@elsewhere.org"));
        assertThat(ErrorMessages.describe(conflict)).isEqualTo("Someone else changed this record after you opened it.");
        assertThat(fx.text("SELECT username FROM users WHERE id = ?", ivy.id())).isEqualTo("ivy");
    }

    @Test
    void overwritingOnPurposeReplacesTheirVersion() {
        EditableUser jay = fx.users.create(draft("jay", "jay@x.org"), null);
        db.sql("UPDATE users SET username = 'jay-theirs' WHERE id = '" + jay.id() + "'");

        EditableUser saved = fx.users.update(jay.id(), null, new UserDraft("jay-mine", "jay@x.org", null));

        assertThat(saved.username()).isEqualTo("jay-mine");
        assertThat(fx.audit.history(new io.postdesk.model.AuditFilter("users", jay.id(), null), 10).get(0).changes())
                .isEqualTo("username: jay-theirs → jay-mine");
    }

    @Test
    void updateAndOverwriteAreRefusedWhenTheUserWasDeleted() {
        EditableUser kim = fx.users.create(draft("kim", "kim@x.org"), null);
        db.sql("DELETE FROM users WHERE id = '" + kim.id() + "'");

        assertThatThrownBy(() -> fx.users.update(kim.id(), kim.version(), draft("kim", "kim@x.org")))
                .isInstanceOfSatisfying(ConflictException.class, c -> assertThat(c.deleted()).isTrue());
        assertThatThrownBy(() -> fx.users.update(kim.id(), null, draft("kim", "kim@x.org")))
                .isInstanceOfSatisfying(ConflictException.class, c -> assertThat(c.deleted()).isTrue());
        assertThat(fx.count("SELECT count(*) FROM users")).isZero();
    }

    @Test
    void updateRefusesAnEmailAnotherUserHasInOtherCase() {
        fx.insertUser("lee", "Lee@x.org");
        EditableUser max = fx.users.create(draft("max", "max@x.org"), null);

        assertThatThrownBy(() -> fx.users.update(max.id(), max.version(), new UserDraft("max", "lee@X.org", null)))
                .isInstanceOfSatisfying(ValidationException.class, v -> assertThat(v.errors())
                        .extracting(FieldError::field).containsExactly(FieldError.EMAIL));
    }

    @Test
    void deleteSaysHowManyPostsWentWithTheUser() {
        UUID ned = fx.insertUser("ned", "ned@x.org");
        UUID other = fx.insertUser("olga", "olga@x.org");
        for (int i = 0; i < 3; i++) {
            fx.insertPost(ned, "Ned " + i);
        }
        fx.insertPost(other, "Olga's");

        assertThat(fx.users.postCount(ned)).isEqualTo(3);
        assertThat(fx.users.delete(ned)).isEqualTo(3);

        assertThat(fx.count("SELECT count(*) FROM users WHERE id = ?", ned)).isZero();
        assertThat(fx.column("SELECT title FROM posts")).containsExactly("Olga's");
        assertThat(fx.users.postCount(ned)).isZero();
    }

    @Test
    void deletingAUserSomeoneElseDeletedIsAConflict() {
        UUID pat = fx.insertUser("pat", "pat@x.org");
        db.sql("DELETE FROM users WHERE id = '" + pat + "'");

        assertThatThrownBy(() -> fx.users.delete(pat))
                .isInstanceOfSatisfying(ConflictException.class, c -> assertThat(c.deleted()).isTrue());
    }
}
