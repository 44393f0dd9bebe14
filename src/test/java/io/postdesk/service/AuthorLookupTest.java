package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.AuthorLookup;
import io.postdesk.store.PostStore;
import io.postdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolving the author name typed in the post form: one user or a clear "nobody" / "several". */
class AuthorLookupTest {
    private static TestDatabase db;
    private static PostService posts;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        posts = new PostService(db.transactions(), new PostStore());
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('bob', 'robert@example.org', 'h'),"
                + " ('bob_31', 'bob31@example.org', 'h'), ('bob_7', 'bob7@example.org', 'h'),"
                + " ('carol_12', 'carol@example.org', 'h'), ('Dan', 'dan@example.org', 'h'), ('dan', 'dan2@example.org', 'h'),"
                + " ('erin_1', 'e1@example.org', 'h'), ('erin_2', 'e2@example.org', 'h')");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String resolved(String typed) {
        AuthorLookup lookup = posts.resolveAuthor(typed);
        return lookup.found() ? lookup.author().username() : lookup.problem();
    }

    @Test
    void anExactUsernameWinsOverLongerNamesStartingWithIt() {
        assertThat(resolved("bob")).isEqualTo("bob");
        assertThat(resolved("  bob_31 ")).isEqualTo("bob_31");
    }

    @Test
    void anEmailNamesItsUser() {
        assertThat(resolved("Robert@Example.org")).isEqualTo("bob");
    }

    @Test
    void theCaseOfAUsernameDecidesOnlyWhenTwoDifferOnlyInCase() {
        assertThat(resolved("Dan")).isEqualTo("Dan");
        assertThat(resolved("dan")).isEqualTo("dan");
        assertThat(resolved("DAN")).isEqualTo("'DAN' matches several users: pick one");
    }

    @Test
    void theOnlyUsernameStartingWithTheTextIsMeant() {
        assertThat(resolved("CAROL")).isEqualTo("carol_12");
    }

    @Test
    void aPrefixOfSeveralOrOfNobodyIsNotGuessed() {
        assertThat(resolved("erin")).isEqualTo("'erin' matches several users: pick one");
        assertThat(resolved("bob_")).isEqualTo("'bob_' matches several users: pick one");
        assertThat(resolved("xyz")).isEqualTo("No user named 'xyz'");
        assertThat(resolved("")).isEqualTo("No user named ''");
    }
}
