package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authors on the command line (--author, the author column of {@code import posts}) resolved by the
 * window's rule: exact username, then username or email ignoring case, then the only username
 * starting with the text; nobody or several is an error that names the candidates.
 */
class AuthorOptionTest {
    private static TestDatabase db;
    private String out;
    private String err;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void data() {
        db.sql("DELETE FROM users");
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h'),"
                + " ('bob', 'bob@x.org', 'h'), ('bobby', 'bobby@x.org', 'h'), ('carlos', 'c@x.org', 'h')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'by ' || username, 'text', true"
                + " FROM users");
    }

    @Test
    void authorIsAnEmailIgnoringCaseOrTheOnlyUsernameStartingWithIt() throws IOException {
        assertThat(exportAuthors("ANN@X.ORG")).containsExactly("author", "ann");
        assertThat(exportAuthors("carl")).containsExactly("author", "carlos");
        assertThat(exportAuthors("bob")).as("an exact username beats the longer one").containsExactly("author", "bob");
    }

    @Test
    void severalOrNoAuthorsEndWithOneAndNameTheCandidates() {
        assertThat(run("publish", "--dry-run", "--database-url", db.urlText(), "--author", "bo")).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("postdesk: --author: 'bo' matches several users: bob, bobby."
                + " Give the whole username or the email.");

        assertThat(run("publish", "--dry-run", "--database-url", db.urlText(), "--author", "zed")).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("postdesk: --author: no user has the username or email 'zed',"
                + " and no username starts with it.");
    }

    @Test
    void importedPostsResolveTheirAuthorsTheSameWay() throws IOException {
        Path good = Files.writeString(folder.resolve("good.csv"), "author,title,content,published\n"
                + "CARLOS,One,Text,yes\ncarl,Two,Text,no\n");
        assertThat(run("import", "posts", good.toString(), "--database-url", db.urlText())).as(err).isZero();
        assertThat(exportAuthors("carlos")).containsExactly("author", "carlos", "carlos", "carlos");

        Path ambiguous = Files.writeString(folder.resolve("bad.csv"), "author,title,content,published\n"
                + "bo,Three,Text,yes\nnobody,Four,Text,yes\n");
        assertThat(run("import", "posts", ambiguous.toString(), "--database-url", db.urlText())).isEqualTo(3);
        assertThat(err).contains("bad.csv: line 2, author: \"bo\" matches several users (bob, bobby, …):"
                        + " give the whole username or the email.")
                .contains("bad.csv: line 3, author: No user has the username or email \"nobody\".");
    }

    private List<String> exportAuthors(String author) throws IOException {
        Path file = folder.resolve("authors.csv");
        assertThat(run("export", "posts", "--database-url", db.urlText(), "--out", file.toString(),
                "--author", author, "--columns", "author")).as(err).isZero();
        return Files.readAllLines(file);
    }

    private int run(String... args) {
        ConsoleCapture run = ConsoleCapture.run(args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }
}
