package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process against a test database: exit codes, files, messages, no secrets. */
class CommandLineTest {
    private static TestDatabase db;
    private final AtomicInteger guiStarts = new AtomicInteger();
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
        db.sql("DELETE FROM postdesk_audit");
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'SECRET-HASH'),"
                + " ('bob', 'bob@x.org', 'SECRET-HASH')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'news ' || g, '=cmd ' || g, false"
                + " FROM users, generate_series(1, 5) g WHERE username = 'ann'");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 'other ' || g, 'text', true"
                + " FROM users, generate_series(1, 3) g WHERE username = 'bob'");
    }

    @Test
    void exportsPostsWithFilters() throws IOException {
        Path file = folder.resolve("news.csv");
        int code = run("export", "posts", "--database-url", db.urlText(), "--out", file.toString(), "--search", "NEWS",
                "--author", "ann", "--drafts", "--columns", "title,content,author", "--delimiter", ";");

        assertThat(code).as(err).isZero();
        assertThat(out).startsWith("Exported 5 posts to " + file.toAbsolutePath());
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).isEqualTo("title;content;author");
        assertThat(lines).contains("news 1;'=cmd 1;ann");
        assertThat(out + err).doesNotContain(db.url().password());
    }

    @Test
    void exportOptionsReachTheFile() throws IOException {
        Path file = folder.resolve("raw.csv");
        int code = run("--database-url", db.urlText(), "export", "posts", "--out", file.toString(), "--bom",
                "--no-formula-guard", "--no-header", "--columns", "content", "--search", "news 1");

        assertThat(code).as(err).isZero();
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF=cmd 1\r\n");
    }

    @Test
    void exportsUsersWithoutHashes() throws IOException {
        Path file = folder.resolve("users.csv");
        int code = run("export", "users", "--database-url", db.urlText(), "--out", file.toString());

        assertThat(code).as(err).isZero();
        assertThat(Files.readString(file)).startsWith("id,username,email,created_at,updated_at")
                .contains("ann@x.org").doesNotContain("SECRET-HASH");
        assertThat(run("export", "users", "--database-url", db.urlText(), "--out", file.toString(),
                "--columns", "password_hash")).isEqualTo(2);
        assertThat(err).contains("Unknown column 'password_hash'");
    }

    @Test
    void publishesAndUnpublishesTheFilter() throws SQLException {
        assertThat(run("publish", "--database-url", db.urlText(), "--search", "news", "--dry-run")).isZero();
        assertThat(out.strip()).isEqualTo("Would publish 5 posts.");
        assertThat(count("SELECT count(*) FROM posts WHERE published")).isEqualTo(3);

        assertThat(run("publish", "--database-url", db.urlText(), "--search", "news")).as(err).isZero();
        assertThat(out.strip()).isEqualTo("Published 5 posts.");
        assertThat(count("SELECT count(*) FROM posts WHERE published")).isEqualTo(8);

        assertThat(run("unpublish", "--database-url", db.urlText(), "--author", "bob")).as(err).isZero();
        assertThat(out.strip()).isEqualTo("Unpublished 3 posts.");
        assertThat(count("SELECT count(*) FROM posts WHERE published")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM postdesk_audit")).isEqualTo(2);
    }

    @Test
    void badCommandLinesEndWithTwo() {
        assertThat(run("export", "posts", "--database-url", db.urlText(), "--out", "x.csv", "--bogus")).isEqualTo(2);
        assertThat(err).contains("Unknown option: '--bogus'").contains("Try 'postdesk export --help'")
                .doesNotContain(db.url().password());
        assertThat(run("export", "posts", "--database-url", db.urlText())).isEqualTo(2);
        assertThat(err).contains("--out");
        assertThat(run("export", "comments", "--out", "x.csv")).isEqualTo(2);
        assertThat(run("export", "posts", "--out", "x.csv", "--delimiter", "|", "--database-url", db.urlText()))
                .isEqualTo(2);
        assertThat(run("publish", "--published", "--drafts")).isEqualTo(2);
        assertThat(run("export", "posts", "--out", "x.csv", "--database-url", "postgres://u:pw@host:notaport/db"))
                .isEqualTo(2);
        assertThat(err).doesNotContain(":pw@");
        assertThat(guiStarts).hasValue(0);
    }

    @Test
    void failuresEndWithOneAndOneLine() {
        assertThat(run("publish", "--database-url", db.urlText(), "--author", "nobody")).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("postdesk: --author: no user has the username or email 'nobody',"
                + " and no username starts with it.");

        Path missing = folder.resolve("no-such-folder").resolve("x.csv");
        assertThat(run("export", "posts", "--database-url", db.urlText(), "--out", missing.toString())).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("postdesk: The folder " + missing.getParent().toAbsolutePath()
                + " does not exist. Nothing was changed.");
    }

    @Test
    void serverWithPendingMigrationsNeedsMigrateFirst() throws IOException {
        try (TestDatabase empty = TestDatabase.createEmpty()) {
            Path file = folder.resolve("posts.csv");
            assertThat(run("export", "posts", "--database-url", empty.urlText(), "--out", file.toString())).isEqualTo(1);
            assertThat(err.strip()).startsWith("postdesk: The database needs PostDesk's schema changes")
                    .endsWith("run 'postdesk migrate' first.");
            assertThat(file).doesNotExist();

            assertThat(run("migrate", "--database-url", empty.urlText())).as(err).isZero();
            assertThat(out).startsWith("Applied ");
            assertThat(run("migrate", "--database-url", empty.urlText())).isZero();
            assertThat(out).startsWith("The schema is up to date");

            assertThat(run("export", "posts", "--database-url", empty.urlText(), "--out", file.toString())).isZero();
            assertThat(Files.readAllLines(file)).containsExactly("id,author,title,content,published,created_at,updated_at");
        }
    }

    @Test
    void helpForEachCommandAndTheWindowWithoutOne() {
        for (String command : List.of("export", "publish", "unpublish", "migrate")) {
            assertThat(run(command, "--help")).isZero();
            assertThat(out).contains("Usage: postdesk " + command);
        }
        assertThat(out).contains("--database-url");
        assertThat(run("--help")).isZero();
        assertThat(out).contains("export").contains("publish").contains("migrate");
        assertThat(guiStarts).hasValue(0);

        assertThat(run("--database-url", db.urlText())).isZero();
        assertThat(guiStarts).hasValue(1);
    }

    @Test
    void aCommandLineThatNamesASubCommandBuildsOnlyThatOne() {
        assertThat(PostDeskCommand.subcommandNamed(new String[] {"export", "posts", "--out", "sync"})).isEqualTo("export");
        // a saved connection called "export" is the option's value, not the sub-command
        assertThat(PostDeskCommand.subcommandNamed(new String[] {"--connection", "export", "import", "posts"}))
                .isEqualTo("import");
        assertThat(PostDeskCommand.subcommandNamed(new String[] {"--help"})).isNull();
        assertThat(PostDeskCommand.subcommandNamed(new String[] {"frobnicate", "export"})).isNull();

        assertThat(run("frobnicate")).isEqualTo(2); // the full set is there to name the unknown one
        assertThat(err).contains("frobnicate");
    }

    private int run(String... args) {
        ConsoleCapture run = ConsoleCapture.run(options -> {
            guiStarts.incrementAndGet();
            return 0;
        }, args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }

    private static long count(String query) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); ResultSet rows = c.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
