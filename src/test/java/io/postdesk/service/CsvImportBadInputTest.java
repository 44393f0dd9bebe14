package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files an attacker or an unlucky admin might import (issue 12, "Bad input"), against the real database. */
class CsvImportBadInputTest {
    private static final String HEADER = "author,title,content,published\n";
    private static TestDatabase db;
    private static EditingFixture fx;
    private static CsvImport imports;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
        imports = fx.csvImport();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void empty() {
        fx.clear();
        fx.insertUser("ann", "ann@example.org");
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Path file(String name, String text) throws IOException {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ImportRejectedException rejected(CsvImport.Kind kind, Path file) {
        try {
            imports.importFile(kind, file, ImportProgress.NONE);
        } catch (ImportRejectedException e) {
            return e;
        }
        throw new AssertionError("the file was imported");
    }

    @Test
    void aHeaderWithTerminalEscapesIsReportedEscapedAndShort() throws IOException {
        String evil = "\u001b]0;owned\u0007\u001b[2J" + "x".repeat(300);

        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("evil.csv", "author,title,content,published,\""
                + evil + "\"\nann,t,c,1,x\n"));

        String line = e.problems().get(0).toString();
        assertThat(line).startsWith("line 1, \\e]0;owned\\u0007\\e[2Jxxx").contains("…: Unknown column")
                .doesNotContain("\u001b").doesNotContain("\u0007").hasSizeLessThan(200);
    }

    @Test
    void anUnknownAuthorIsQuotedEscaped() throws IOException {
        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("a.csv", HEADER + "\"\u001b[2Jeve\u202E\",t,c,1\n"));

        assertThat(e.problems().get(0).toString()).contains("\"\\e[2Jeve\\u202E\"").doesNotContain("\u001b");
    }

    @Test
    void twoThousandNulsAreABinaryFileReportedInOneLine() throws IOException {
        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("nul.csv", new byte[2_000]));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).toString()).isEqualTo("byte 1 (line 1): " + CsvText.BINARY);
        assertThat(e.total()).isEqualTo(1);
    }

    @Test
    void aNulInALaterLineNamesItsByteAndLine() throws IOException {
        byte[] bytes = (HEADER + "ann,t,c,1\r\nann,t\0,c,1\n").getBytes(StandardCharsets.UTF_8);

        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("late.csv", bytes));

        assertThat(e.problems().get(0).toString()).startsWith("byte 48 (line 3): a NUL byte: this is not a text/CSV file");
    }

    @Test
    void invalidUtf8NamesTheByteAndTheLine() throws IOException {
        byte[] latin1 = (HEADER + "ann,ok,c,1\nann,caf\u00e9,c,1\n").getBytes(StandardCharsets.ISO_8859_1);

        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("latin1.csv", latin1));

        assertThat(e.problems()).extracting(ImportProblem::toString)
                .containsExactly("byte 50 (line 3): " + CsvText.NOT_UTF8);
        assertThat(e.getMessage()).isEqualTo("latin1.csv: 1 bad line; nothing was imported.");
        assertThat(fx.count("SELECT count(*) FROM posts")).isZero();
    }

    @Test
    void overlongAndSurrogateEncodingsAreNotUtf8ButEmojiAre() throws IOException {
        assertThat(CsvText.firstProblem(file("overlong.csv", new byte[] {'a', (byte) 0xC0, (byte) 0xAF})).byteNumber())
                .isEqualTo(2);
        assertThat(CsvText.firstProblem(file("surrogate.csv", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})))
                .isNotNull();
        assertThat(CsvText.firstProblem(file("cut.csv", new byte[] {'a', 'b', (byte) 0xE2, (byte) 0x82}))
                .byteNumber()).isEqualTo(3);
        assertThat(CsvText.firstProblem(file("fine.csv", "\uFEFFé😀\r\n中".getBytes(StandardCharsets.UTF_8)))).isNull();
    }

    @Test
    void anUnclosedQuoteIsReportedInPostDesksWordsAtItsLine() throws IOException {
        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("q.csv",
                HEADER + "ann,t,c,1\nann,\"never closed,c,1\nann,t,c,1\n"));

        assertThat(e.problems()).extracting(ImportProblem::toString).containsExactly(
                "line 3: a quoted value is not closed: the file ends before its closing quote (\").");
    }

    @Test
    void textAfterAClosingQuoteIsReportedAtItsLine() throws IOException {
        ImportRejectedException e = rejected(CsvImport.Kind.USERS, file("q.csv",
                "username,email,password\nbob,bob@x.org,long enough\nbob2,\"b\"x@x.org,long enough\n"));

        assertThat(e.problems()).extracting(ImportProblem::toString).containsExactly(
                "line 3: text follows a closing quote; inside a quoted value, write a quote as two (\"\").");
    }

    @Test
    void aHeaderWithoutRowsChangesNothingAndRecordsNothing() throws IOException {
        ImportRejectedException e = rejected(CsvImport.Kind.POSTS, file("header-only.csv", HEADER + "\n"));

        assertThat(e.problems()).extracting(ImportProblem::toString).containsExactly("The file has no rows to import.");
        assertThat(e.getMessage()).isEqualTo("header-only.csv: nothing was imported.");
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
        rejected(CsvImport.Kind.USERS, file("users-header-only.csv", "username,email,password\n"));
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
    }

    @Test
    void aLeadingTabOrCrInATitleIsKeptExactly() throws IOException {
        imports.importFile(CsvImport.Kind.POSTS, file("tabs.csv", HEADER
                + "ann,\"\tTabbed\",c,1\nann,\"\rReturned\",c,1\nann,\"  spaced  \",c,1\n"), ImportProgress.NONE);

        assertThat(fx.column("SELECT title FROM posts ORDER BY title"))
                .containsExactlyInAnyOrder("\tTabbed", "\rReturned", "spaced");
    }

    @Test
    void aWeakImportedHashIsAWarningPerLineOrRefusedWhenStrict() throws IOException {
        String weak = "$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo";
        String owasp = new PasswordHasher().hash("fine password");
        String text = "username,email,password_hash\ncarol,carol@x.org,\"" + weak + "\"\ndave,dave@x.org,\"" + owasp + "\"\n";

        assertThatThrownBy(() -> imports.importFile(CsvImport.Kind.USERS, file("strict.csv", text), ImportProgress.NONE,
                CsvImport.WeakHashes.REFUSE))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.problems())
                        .extracting(ImportProblem::toString).containsExactly("line 2, password_hash: " + CsvImport.WEAK_HASH));
        assertThat(fx.count("SELECT count(*) FROM users WHERE username IN ('carol', 'dave')")).isZero();

        ImportResult result = imports.importFile(CsvImport.Kind.USERS, file("warn.csv", text), ImportProgress.NONE,
                CsvImport.WeakHashes.WARN);

        assertThat(result.rows()).isEqualTo(2);
        assertThat(result.warnings()).extracting(ImportProblem::toString)
                .containsExactly("line 2, password_hash: " + CsvImport.WEAK_HASH);
        assertThat(CsvImport.WEAK_HASH).doesNotContain(weak);
    }

    @Test
    void owaspsEquivalentSettingsPassAndWeakerOnesDoNot() {
        String tail = "$c29tZXNhbHQ$aGFzaGhhc2hoYXNo";
        assertThat(PasswordHasher.meetsOwaspMinimum("$argon2id$v=19$m=19456,t=2,p=1" + tail)).isTrue();
        assertThat(PasswordHasher.meetsOwaspMinimum("$argon2id$v=19$m=47104,t=1,p=1" + tail)).isTrue();
        assertThat(PasswordHasher.meetsOwaspMinimum("$argon2id$v=19$m=7168,t=5,p=1" + tail)).isTrue();
        assertThat(PasswordHasher.meetsOwaspMinimum("$argon2id$v=19$m=19456,t=1,p=1" + tail)).isFalse();
        assertThat(PasswordHasher.meetsOwaspMinimum("$argon2id$v=19$m=8,t=1,p=1" + tail)).isFalse();
        assertThat(PasswordHasher.meetsOwaspMinimum("$argon2id$v=19$m=65536,t=3,p=4" + tail)).isTrue();
    }
}
