package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postdesk.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code postdesk changes [--follow] [--after CURSOR]}: JSON lines, resumable, a clean end on Ctrl+C. */
class ChangesCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Test
    void followPrintsEachCommittedChangeAsAJsonLineAndEndsCleanlyOnCtrlC() throws Exception {
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('before', 'before@x.org', 'hash-before')");
        try (PostDeskProcess follow = PostDeskProcess.start(folder, "follow", "changes", "--follow", "--database-url", db.urlText())) {
            follow.awaitText(true, "\"before\"", Duration.ofSeconds(60));
            db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'hash-of-ann')");
            db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Hello', 'c' FROM users WHERE username = 'ann'");
            follow.awaitText(true, "\"Hello\"", Duration.ofSeconds(10));

            follow.interrupt();

            assertThat(follow.process().waitFor(10, TimeUnit.SECONDS)).as("ended after SIGINT").isTrue(); // about a second; more on a busy machine
            assertThat(follow.process().exitValue()).isEqualTo(CommandDatabase.EXIT_INTERRUPTED);
            String[] lines = follow.out().split("\n");
            assertThat(lines).hasSize(3);
            JsonNode ann = JSON.readTree(lines[1]);
            assertThat(ann.get("table").asText()).isEqualTo("users");
            assertThat(ann.get("op").asText()).isEqualTo("insert");
            assertThat(ann.get("values").get("username").asText()).isEqualTo("ann");
            assertThat(ann.get("key").asText()).isEqualTo(ann.get("values").get("id").asText());
            assertThat(ann.has("time")).isTrue();
            assertThat(follow.out()).doesNotContain("hash-");
            String last = JSON.readTree(lines[2]).get("cursor").asText();
            assertThat(follow.err()).contains("resume with --after " + last).doesNotContain("Exception");

            db.sql("UPDATE posts SET published = true");
            assertThat(run("changes", "--after", last, "--database-url", db.urlText())).isZero();
            JsonNode published = JSON.readTree(out.strip());
            assertThat(published.get("op").asText()).isEqualTo("update");
            assertThat(published.get("values").get("published").asBoolean()).isTrue();
        }
    }

    @Test
    void aBadCursorIsSaidInOneLine() {
        assertThat(run("changes", "--after", "yesterday", "--database-url", db.urlText())).isEqualTo(1);
        assertThat(err.strip()).isEqualTo("postdesk: 'yesterday' is not a change cursor: it looks like 42-1017"
                + " (the cursor of a line printed by 'postdesk changes').");
    }

    private int run(String... args) {
        ConsoleCapture run = ConsoleCapture.run(args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }
}
