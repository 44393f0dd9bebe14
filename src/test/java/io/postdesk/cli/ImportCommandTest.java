package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.service.CsvImport;
import io.postdesk.service.PasswordHasher;
import io.postdesk.store.AuditStore;
import io.postdesk.store.ImportStore;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code import posts|users FILE}: exit codes and what goes to stdout and stderr. */
class ImportCommandTest {
    private static TestDatabase db;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'x')");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private int run(String... args) {
        CommandLine command = new CommandLine(new ImportCommand(() -> new CsvImport(db.transactions(),
                new ImportStore(), new AuditStore("cli"), new PasswordHasher())));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return command.execute(args);
    }

    @Test
    void aGoodFileImportsWithExitCodeZero() throws IOException {
        Path file = Files.writeString(dir.resolve("p.csv"), "author,title,content,published\nann,Hi,Text,yes\n");

        assertThat(run("posts", file.toString())).isZero();
        assertThat(out.toString()).isEqualTo(String.format("Imported 1 posts from p.csv.%n"));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadFileListsItsBadLinesOnStderr() throws IOException {
        Path file = Files.writeString(dir.resolve("u.csv"), "username,email,password\n,a@x.org,long enough\n"
                + "bob,bob@x,long enough\n");

        assertThat(run("users", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString().lines()).containsExactly(
                "postdesk import: u.csv: 2 bad lines; nothing was imported.",
                "u.csv: line 2, username: Username is required.",
                "u.csv: line 3, email: Email must be an address like name@example.org.");
    }

    @Test
    void failuresEndWithOneLineAndNonZero() {
        assertThat(run("posts", dir.resolve("missing.csv").toString())).isEqualTo(ImportCommand.EXIT_FAILED);
        assertThat(err.toString().lines()).hasSize(1).first().asString().contains("cannot read");
        assertThat(run("comments", "x.csv")).isEqualTo(ImportCommand.EXIT_USAGE);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("posts|users").contains("FILE");
    }
}
