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

    @Test
    void aHeaderOfTerminalEscapesIsPrintedEscapedWithExitCode3() throws IOException {
        Path file = Files.writeString(dir.resolve("esc.csv"),
                "author,title,content,published,\"\u001b]0;owned\u0007\u001b[2J\u001b[H\"\nann,t,c,1,x\n");

        assertThat(run("posts", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString()).contains("esc.csv: line 1, \\e]0;owned\\u0007\\e[2J\\e[H: Unknown column")
                .doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileOfNulsIsOneLineNotATextFileWithExitCode3() throws IOException {
        Path file = Files.write(dir.resolve("nul.csv"), new byte[2_000]);

        assertThat(run("posts", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString()).doesNotContain("\0").hasLineCount(2)
                .contains("nul.csv: byte 1 (line 1): a NUL byte: this is not a text/CSV file");
    }

    @Test
    void invalidUtf8IsExitCode3WithTheByteAndLine() throws IOException {
        Path file = Files.write(dir.resolve("latin.csv"),
                "author,title,content,published\nann,caf\u00e9,c,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(run("posts", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString()).contains("latin.csv: byte 39 (line 2): not valid UTF-8; save the file as UTF-8");
    }

    @Test
    void brokenQuotingIsExitCode3InPostDesksWords() throws IOException {
        Path file = Files.writeString(dir.resolve("q.csv"), "author,title,content,published\nann,\"open,c,1\n");

        assertThat(run("posts", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString()).contains("q.csv: line 2: a quoted value is not closed")
                .doesNotContain("encapsulated").doesNotContain("EOF");
    }

    @Test
    void aHeaderOnlyFileIsExitCode3AndImportsNothing() throws IOException {
        Path file = Files.writeString(dir.resolve("h.csv"), "author,title,content,published\n");

        assertThat(run("posts", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString()).isEqualTo(String.format(
                "postdesk import: h.csv: nothing was imported.%nh.csv: The file has no rows to import.%n"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void weakHashesWarnPerLineAndStrictHashesRefuse() throws IOException {
        String weak = "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo";
        Path file = Files.writeString(dir.resolve("u.csv"), "username,email,password_hash\nweak1,weak1@x.org,\"" + weak + "\"\n");

        assertThat(run("users", "--strict-hashes", file.toString())).isEqualTo(ImportCommand.EXIT_BAD_FILE);
        assertThat(err.toString()).contains("u.csv: line 2, password_hash: The Argon2id costs are below OWASP's minimum");
        assertThat(out.toString()).isEmpty();

        err.getBuffer().setLength(0);
        assertThat(run("users", file.toString())).isZero();
        assertThat(err.toString()).contains("u.csv: warning: line 2, password_hash: The Argon2id costs are below")
                .doesNotContain(weak);
        assertThat(out.toString()).contains("Imported 1 users");
    }
}
