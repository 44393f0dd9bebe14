package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.FieldError;
import io.postdesk.model.PostDraft;
import io.postdesk.model.UserDraft;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The form rules the UI checks as the user types: pure functions, no database. */
class EditingRulesTest {
    private static final String GOOD_PASSWORD = "correct horse";

    private static List<FieldError> newUser(String username, String email, String password) {
        return UserEditing.checkRules(new UserDraft(username, email, password), true);
    }

    private static List<FieldError> editedUser(String username, String email, String password) {
        return UserEditing.checkRules(new UserDraft(username, email, password), false);
    }

    @Test
    void aGoodNewUserHasNoErrors() {
        assertThat(newUser("ann", "ann@example.org", GOOD_PASSWORD)).isEmpty();
    }

    @Test
    void usernameIsRequired() {
        assertThat(newUser("", "ann@example.org", GOOD_PASSWORD))
                .containsExactly(new FieldError(FieldError.USERNAME, "Username is required."));
        assertThat(newUser("   ", "ann@example.org", GOOD_PASSWORD)).extracting(FieldError::field)
                .containsExactly(FieldError.USERNAME);
        assertThat(newUser(null, "ann@example.org", GOOD_PASSWORD)).extracting(FieldError::field)
                .containsExactly(FieldError.USERNAME);
    }

    @Test
    void usernameIsAtMost50CharactersAfterStripping() {
        assertThat(newUser("a".repeat(50), "ann@example.org", GOOD_PASSWORD)).isEmpty();
        assertThat(newUser("  " + "a".repeat(50) + "  ", "ann@example.org", GOOD_PASSWORD)).isEmpty();
        assertThat(newUser("a".repeat(51), "ann@example.org", GOOD_PASSWORD))
                .containsExactly(new FieldError(FieldError.USERNAME, "Username must be at most 50 characters."));
    }

    @Test
    void lengthsCountCharactersNotJavaChars() {
        // 50 emoji are 100 Java chars but 50 characters to PostgreSQL's varchar(50).
        assertThat(newUser("😀".repeat(50), "ann@example.org", GOOD_PASSWORD)).isEmpty();
        assertThat(newUser("😀".repeat(51), "ann@example.org", GOOD_PASSWORD)).extracting(FieldError::field)
                .containsExactly(FieldError.USERNAME);
    }

    @Test
    void emailIsRequired() {
        assertThat(newUser("ann", " ", GOOD_PASSWORD))
                .containsExactly(new FieldError(FieldError.EMAIL, "Email is required."));
        assertThat(newUser("ann", null, GOOD_PASSWORD)).extracting(FieldError::field).containsExactly(FieldError.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann@example.org", "Ann.Lee+blog@mail.example.co.uk", "x@y.z", "  ann@example.org  ",
            "émile@exemple.fr"})
    void acceptsAddresses(String email) {
        assertThat(newUser("ann", email, GOOD_PASSWORD)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ann", "ann@", "@example.org", "ann@example", "ann@@example.org", "ann@x@example.org",
            "ann lee@example.org", "ann@exa mple.org", "ann@.example.org", "ann@example.org.", "ann@example..org"})
    void refusesWhatIsNotAnAddress(String email) {
        assertThat(newUser("ann", email, GOOD_PASSWORD))
                .containsExactly(new FieldError(FieldError.EMAIL, "Email must be an address like name@example.org."));
    }

    @Test
    void emailIsAtMost100Characters() {
        String local = "a".repeat(88);
        assertThat(newUser("ann", local + "@example.org", GOOD_PASSWORD)).isEmpty(); // 100
        assertThat(newUser("ann", local + "a@example.org", GOOD_PASSWORD))
                .containsExactly(new FieldError(FieldError.EMAIL, "Email must be at most 100 characters."));
    }

    @Test
    void aNewUserNeedsAPasswordOfAtLeast8Characters() {
        assertThat(newUser("ann", "ann@example.org", null))
                .containsExactly(new FieldError(FieldError.PASSWORD, "A new user needs a password."));
        assertThat(newUser("ann", "ann@example.org", ""))
                .containsExactly(new FieldError(FieldError.PASSWORD, "A new user needs a password."));
        assertThat(newUser("ann", "ann@example.org", "1234567"))
                .containsExactly(new FieldError(FieldError.PASSWORD, "Password must be at least 8 characters."));
        assertThat(newUser("ann", "ann@example.org", "12345678")).isEmpty();
    }

    @Test
    void editingKeepsThePasswordWhenNoneIsGivenButChecksANewOne() {
        assertThat(editedUser("ann", "ann@example.org", null)).isEmpty();
        assertThat(editedUser("ann", "ann@example.org", "")).isEmpty();
        assertThat(editedUser("ann", "ann@example.org", "short"))
                .containsExactly(new FieldError(FieldError.PASSWORD, "Password must be at least 8 characters."));
        assertThat(editedUser("ann", "ann@example.org", "long enough")).isEmpty();
    }

    @Test
    void reportsEveryBrokenFieldAtOnce() {
        assertThat(newUser("", "nope", "x")).extracting(FieldError::field)
                .containsExactly(FieldError.USERNAME, FieldError.EMAIL, FieldError.PASSWORD);
    }

    @Test
    void aGoodPostHasNoErrors() {
        assertThat(PostEditing.checkRules(new PostDraft("Hello", "Some text", false, UUID.randomUUID()))).isEmpty();
    }

    @Test
    void postTitleIsRequiredAndAtMost255Characters() {
        UUID author = UUID.randomUUID();
        assertThat(PostEditing.checkRules(new PostDraft("  ", "text", true, author)))
                .containsExactly(new FieldError(FieldError.TITLE, "Title is required."));
        assertThat(PostEditing.checkRules(new PostDraft(null, "text", true, author))).extracting(FieldError::field)
                .containsExactly(FieldError.TITLE);
        assertThat(PostEditing.checkRules(new PostDraft("t".repeat(255), "text", true, author))).isEmpty();
        assertThat(PostEditing.checkRules(new PostDraft("t".repeat(256), "text", true, author)))
                .containsExactly(new FieldError(FieldError.TITLE, "Title must be at most 255 characters."));
    }

    @Test
    void postContentAndAuthorAreRequired() {
        assertThat(PostEditing.checkRules(new PostDraft("Hello", " \n ", false, UUID.randomUUID())))
                .containsExactly(new FieldError(FieldError.CONTENT, "Content is required."));
        assertThat(PostEditing.checkRules(new PostDraft("Hello", null, false, UUID.randomUUID())))
                .extracting(FieldError::field).containsExactly(FieldError.CONTENT);
        assertThat(PostEditing.checkRules(new PostDraft("Hello", "text", false, null)))
                .containsExactly(new FieldError(FieldError.AUTHOR, "Author is required."));
    }

    @Test
    void theFirstPostOfANewUserNamesItsFieldsWithPostPrefixAndNeedsNoAuthor() {
        assertThat(PostRules.check(new PostDraft("", "", false, null), PostEditing.FIRST_POST, false))
                .extracting(FieldError::field).containsExactly("post.title", "post.content");
    }
}
