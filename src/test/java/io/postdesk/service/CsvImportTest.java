package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.Cancellation;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import against the real embedded PostgreSQL: what is read, what is refused, what is written. */
class CsvImportTest {
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
        fx.insertUser("ann", "Ann@Example.org");
        fx.insertUser("bob", "bob@example.org");
    }

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path;
    }

    private static String csv(char delimiter, List<List<String>> rows) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setDelimiter(delimiter).get())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return out.toString();
    }

    private static ImportResult posts(Path file) {
        return imports.importFile(CsvImport.Kind.POSTS, file, ImportProgress.NONE);
    }

    private static List<String> stored(String query) {
        return fx.column(query);
    }

    @Test
    void nastyValuesComeBackExactlyAsWritten() throws IOException {
        List<String> titles = List.of("He said \"hi\", then left", "semi;colon\tand tab", "emoji 😀👩‍👩‍👧 family",
                "مرحبا بالعالم", "=SUM(A1:A9)", "+1 (555) 0100", "-minus", "@mention", "back\\slash \\N");
        List<String> contents = List.of("line one\r\nline two\nline three\rend", "  leading and trailing spaces  ",
                "\ttab first", "=HYPERLINK(\"http://x\")", "quote \" alone", "שלום עולם", "a,b;c\td", "\\.",
                "last");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("author", "title", "content", "published", "created_at"));
        for (int i = 0; i < titles.size(); i++) {
            rows.add(List.of(i % 2 == 0 ? "ann" : "BOB@example.org", titles.get(i), contents.get(i),
                    i % 2 == 0 ? "true" : "No", "2024-0" + (i + 1) + "-02T10:15:30.123456+02:00"));
        }

        ImportResult result = posts(file("posts.csv", csv(',', rows)));

        assertThat(result).isEqualTo(new ImportResult("posts", titles.size()));
        for (int i = 0; i < titles.size(); i++) {
            String title = titles.get(i).strip();
            assertThat(fx.text("SELECT content FROM posts WHERE title = ?", title)).isEqualTo(contents.get(i));
            assertThat(fx.text("SELECT u.username FROM posts p JOIN users u ON u.id = p.user_id WHERE title = ?",
                    title)).isEqualTo(i % 2 == 0 ? "ann" : "bob");
            assertThat(fx.text("SELECT published FROM posts WHERE title = ?", title)).isEqualTo(i % 2 == 0 ? "t" : "f");
            assertThat(OffsetDateTime.parse(fx.text("SELECT to_char(created_at AT TIME ZONE 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM posts WHERE title = ?", title)).toInstant())
                    .isEqualTo(OffsetDateTime.parse("2024-0" + (i + 1) + "-02T10:15:30.123456+02:00").toInstant());
        }
    }

    @Test
    void aBomIsDroppedAndSemicolonsAreFound() throws IOException {
        String text = "\uFEFFAuthor;Title;Content;Published\r\nann;\"A; title\";\"x;y\";yes\r\nbob;Second;z;0\r\n";

        posts(file("excel.csv", text));

        assertThat(stored("SELECT title || '|' || content || '|' || published FROM posts ORDER BY title"))
                .containsExactly("A; title|x;y|true", "Second|z|false");
    }

    @Test
    void whatPsqlCopyWritesImports() throws IOException {
        String text = "author,title,content,published,created_at\n"
                + "ann,From psql,text,t,2031-01-01 00:00:01+00\nbob,Draft from psql,text,f,2031-01-01 00:00:02.5+00\n";

        posts(file("psql.csv", text));

        assertThat(stored("SELECT title || '|' || published || '|' || to_char(created_at AT TIME ZONE 'UTC',"
                + " 'YYYY-MM-DD HH24:MI:SS.MS') FROM posts ORDER BY title")).containsExactly(
                "Draft from psql|false|2031-01-01 00:00:02.500", "From psql|true|2031-01-01 00:00:01.000");
    }

    @Test
    void tabsAreFoundWithoutBomAndQuotedDelimitersInTheHeaderDoNotCount() throws IOException {
        String text = "author\ttitle\t\"content\"\tpublished\tcreated_at\nann\t\"a, b, c, d\"\t\"x,y\"\t1\t\n";

        posts(file("tabs.tsv", text));

        assertThat(stored("SELECT title || '|' || content FROM posts")).containsExactly("a, b, c, d|x,y");
        // an empty created_at is the time of the import, as for a post made in the form
        assertThat(fx.count("SELECT count(*) FROM posts WHERE created_at > now() - interval '1 minute'")).isEqualTo(1);
    }

    @Test
    void aBadFileImportsNothingAndListsEveryBadLineWhereItStarts() throws IOException {
        String text = String.join("\n",
                "author,title,content,published,created_at", // 1
                "ann,Fine,\"a text over", // 2
                "three", // 3
                "lines\",true,", // 4
                "ann,,text,true,", // 5: no title
                "nobody,T,text,true,", // 6: unknown author
                "ann,T,text,maybe,2024-13-01T00:00:00Z", // 7: published and created_at
                "ann,T,text", // 8: too few fields
                "ann,T,\"   \",false,2024-01-01", // 9: blank content, date without time
                "", // 10: blank line, skipped
                "nobody,T2,text,true,", // 11: the same unknown author again
                "bob," + "x".repeat(256) + ",text,1,") + "\n"; // 12: title too long

        assertThatThrownBy(() -> posts(file("bad.csv", text)))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.problems()).extracting(ImportProblem::line, ImportProblem::column).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(5L, "title"),
                            org.assertj.core.groups.Tuple.tuple(6L, "author"),
                            org.assertj.core.groups.Tuple.tuple(7L, "created_at"),
                            org.assertj.core.groups.Tuple.tuple(7L, "published"),
                            org.assertj.core.groups.Tuple.tuple(8L, ""),
                            org.assertj.core.groups.Tuple.tuple(9L, "content"),
                            org.assertj.core.groups.Tuple.tuple(9L, "created_at"),
                            org.assertj.core.groups.Tuple.tuple(11L, "author"),
                            org.assertj.core.groups.Tuple.tuple(12L, "title"));
                    assertThat(e.total()).isEqualTo(9);
                    assertThat(e.problems().get(1).reason()).contains("nobody");
                    assertThat(e.problems().get(4).reason()).isEqualTo("Has 3 fields; the header has 5.");
                    assertThat(e.problems().get(8).reason()).isEqualTo("Title must be at most 255 characters.");
                    assertThat(e.getMessage()).isEqualTo("bad.csv: 9 bad lines; nothing was imported.");
                });
        assertThat(fx.count("SELECT count(*) FROM posts")).isZero();
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
    }

    @Test
    void datesOutsideTheDatabasesRangeAreBadLinesNotAFailedImport() throws IOException {
        String text = String.join("\n", "author,title,content,published,created_at",
                "ann,Oldest,text,true,-4712-11-24T00:00:00Z", // 4713-11-24 BC: PostgreSQL's first day
                "ann,Too old,text,true,-4712-11-23T23:59:59Z", // 3
                "ann,Newest,text,true,+294276-12-31T23:59:59.999999Z", // PostgreSQL's last instant
                "ann,Too new,text,true,+294277-01-01T00:00:00Z") + "\n"; // 5

        assertThatThrownBy(() -> posts(file("range.csv", text)))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.problems())
                        .extracting(ImportProblem::toString).containsExactly(
                                "line 3, created_at: Must be between 4713-11-24 BC and 294276-12-31 AD.",
                                "line 5, created_at: Must be between 4713-11-24 BC and 294276-12-31 AD."));

        posts(file("edges.csv", String.join("\n", "author,title,content,published,created_at",
                "ann,Oldest,text,true,-4712-11-24T00:00:00Z",
                "ann,Newest,text,true,+294276-12-31T23:59:59.999999Z",
                "ann,Caesar,text,true,-0043-03-15T12:00:00+01:00") + "\n"));
        assertThat(stored("SELECT title || ' ' || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US BC')"
                + " FROM posts ORDER BY created_at")).containsExactly(
                "Oldest 4713-11-24 00:00:00.000000 BC", "Caesar 0044-03-15 11:00:00.000000 BC",
                "Newest 294276-12-31 23:59:59.999999 AD");
    }

    @Test
    void headerProblemsAreNamed() throws IOException {
        assertThatThrownBy(() -> posts(file("h.csv", "Author,Title,Body,Title\nann,a,b,c\n")))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.problems())
                        .extracting(ImportProblem::toString).containsExactly(
                                "line 1: The header has no content column.",
                                "line 1: The header has no published column.",
                                "line 1, Body: Unknown column; expected author, title, content, published, created_at.",
                                "line 1, Title: This column appears twice."));
        assertThatThrownBy(() -> posts(file("empty.csv", ""))).isInstanceOf(ImportRejectedException.class);
    }

    @Test
    void usersGetArgon2idHashesOrKeepTheirsAndOneAuditRow() throws IOException {
        PasswordHasher hasher = new PasswordHasher();
        String existing = hasher.hash("kept secret");
        posts(file("dummy.csv", "author,title,content,published\nann,t,c,1\n"));
        db.sql("DELETE FROM postdesk_audit");

        imports.importFile(CsvImport.Kind.USERS, file("u.csv", "username,email,password\ncarol,carol@x.org,"
                + "\"pass, word 😀\"\ndave,dave@x.org,long enough\n"), ImportProgress.NONE);
        imports.importFile(CsvImport.Kind.USERS, file("h.csv", "USERNAME,Email,Password_Hash\neve,eve@x.org,"
                + "\"" + existing + "\"\n"), ImportProgress.NONE); // the hash has commas: quoted

        assertThat(hasher.verify("pass, word 😀", fx.text("SELECT password_hash FROM users WHERE username = 'carol'")))
                .isTrue();
        assertThat(hasher.verify("long enough", fx.text("SELECT password_hash FROM users WHERE username = 'dave'")))
                .isTrue();
        assertThat(fx.text("SELECT password_hash FROM users WHERE username = 'eve'")).isEqualTo(existing);
        assertThat(stored("SELECT table_name || ' ' || action || ' ' || changes::text FROM postdesk_audit ORDER BY id"))
                .containsExactly("users import {\"file\": \"u.csv\", \"rows\": \"2\"}",
                        "users import {\"file\": \"h.csv\", \"rows\": \"1\"}");
    }

    @Test
    void duplicateUsersInTheFileAndInTheDatabaseAreRefused() throws IOException {
        String text = String.join("\n", "username,email,password",
                "carol,carol@x.org,long enough", // 2
                "carol,other@x.org,long enough", // 3: username again
                "dan,CAROL@X.ORG,long enough", // 4: email again, other case
                "ann,new@x.org,long enough", // 5: username in the database
                "fay,ann@EXAMPLE.org,long enough", // 6: email in the database, other case
                "gil,gil@x,short", // 7: email shape, password too short
                "hal,hal@x.org,\"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g\"") + "\n"; // fine: a password

        assertThatThrownBy(() -> imports.importFile(CsvImport.Kind.USERS, file("u.csv", text), ImportProgress.NONE))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> assertThat(e.problems())
                        .extracting(ImportProblem::toString).containsExactly(
                                "line 3, username: The same username is on line 2.",
                                "line 4, email: The same email (ignoring case) is on line 2.",
                                "line 5, username: " + UserRules.USERNAME_TAKEN,
                                "line 6, email: " + UserRules.EMAIL_TAKEN,
                                "line 7, email: Email must be an address like name@example.org.",
                                "line 7, password: Password must be at least 8 characters."));
        assertThat(fx.count("SELECT count(*) FROM users")).isEqualTo(2);
    }

    @Test
    void aHashThatIsNotArgon2idIsRefusedWithoutShowingIt() throws IOException {
        String text = "username,email,password_hash\nivy,ivy@x.org,$2a$10$abcdefghijklmnopqrstuv\n";

        assertThatThrownBy(() -> imports.importFile(CsvImport.Kind.USERS, file("u.csv", text), ImportProgress.NONE))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.problems()).extracting(ImportProblem::line, ImportProblem::column)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "password_hash"));
                    assertThat(e.problems().get(0).reason()).doesNotContain("$2a$");
                });
    }

    @Test
    void cancellingMidImportLeavesNothing() throws IOException {
        StringBuilder text = new StringBuilder("author,title,content,published\n");
        for (int i = 0; i < 5_000; i++) {
            text.append("ann,Title ").append(i).append(",Text,false\n");
        }
        Path path = file("many.csv", text.toString());
        Cancellation cancellation = new Cancellation();
        List<Long> seen = new ArrayList<>();

        assertThatThrownBy(() -> imports.importFile(CsvImport.Kind.POSTS, path, (done, total) -> {
            seen.add(done);
            assertThat(total).isEqualTo(5_000);
            if (done >= 2_000) {
                cancellation.cancel();
            }
        }, cancellation)).isInstanceOf(CancellationException.class);

        assertThat(seen).containsExactly(1_000L, 2_000L);
        assertThat(fx.count("SELECT count(*) FROM posts")).isZero();
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
        // the connection went back to the pool usable: the next import works
        assertThat(posts(path).rows()).isEqualTo(5_000);
    }

    /** What an import reported, in order: the check pass's reports, then the import pass's. */
    private static final class Reports implements ImportProgress {
        record Checked(long rows, long bytesRead, long fileSize) {
        }

        final List<Object> all = new ArrayList<>();
        Runnable onFirstCheck = () -> { };

        @Override
        public void update(long done, long total) {
            all.add(List.of(done, total));
        }

        @Override
        public void checking(long rows, long bytesRead, long fileSize) {
            if (checked().isEmpty()) {
                onFirstCheck.run();
            }
            all.add(new Checked(rows, bytesRead, fileSize));
        }

        List<Checked> checked() {
            return all.stream().filter(Checked.class::isInstance).map(Checked.class::cast).toList();
        }

        List<Object> written() {
            return all.stream().filter(r -> !(r instanceof Checked)).toList();
        }
    }

    /** About 1.6 MB: far more than the reader's buffers, so the bytes read grow as the check goes on. */
    private Path manyPosts(String name, int rows) throws IOException {
        StringBuilder text = new StringBuilder("author,title,content,published\n");
        for (int i = 0; i < rows; i++) {
            text.append("ann,Title ").append(i).append(",\"Text with ünïcödé, a comma and\nthe second line of ")
                    .append(i).append("\",false\n");
        }
        return file(name, text.toString());
    }

    @Test
    void theCheckPassReportsRowsAndBytesBeforeAnythingIsWritten() throws IOException {
        Path path = manyPosts("checked.csv", 20_000);
        long size = Files.size(path);
        Reports reports = new Reports();
        long[] postsAtFirstCheck = {-1};
        reports.onFirstCheck = () -> postsAtFirstCheck[0] = fx.count("SELECT count(*) FROM posts");

        imports.importFile(CsvImport.Kind.POSTS, path, reports);

        List<Reports.Checked> checked = reports.checked();
        List<Long> everyThousandThenTheEnd = new ArrayList<>();
        for (long rows = 1_000; rows <= 20_000; rows += 1_000) {
            everyThousandThenTheEnd.add(rows);
        }
        everyThousandThenTheEnd.add(20_000L);
        assertThat(checked).extracting(Reports.Checked::rows).containsExactlyElementsOf(everyThousandThenTheEnd);
        assertThat(checked.get(checked.size() - 1)).isEqualTo(new Reports.Checked(20_000, size, size));
        assertThat(checked).allSatisfy(c -> {
            assertThat(c.fileSize()).isEqualTo(size);
            assertThat(c.bytesRead()).isBetween(1L, size);
        });
        assertThat(checked).extracting(Reports.Checked::bytesRead).isSorted();
        assertThat(checked.get(0).bytesRead()).isLessThan(size / 4); // it really tells how far the check is
        // All of the check comes first, while nothing is written yet.
        assertThat(reports.all.subList(0, checked.size())).containsExactlyElementsOf(checked);
        assertThat(postsAtFirstCheck[0]).isZero();
        assertThat(reports.written()).isNotEmpty().last().isEqualTo(List.of(20_000L, 20_000L));
    }

    @Test
    void aBadFileIsReportedCheckedToItsEndAndNothingIsWritten() throws IOException {
        // A BOM and characters of 2, 3 and 4 bytes: the bytes read still come to the file's size.
        String text = "\uFEFFauthor,title,content,published\n" + "ann,Fine ü € 😀,text,true\n".repeat(2_500)
                + "ann,,text,true\n";
        Path path = file("bad-at-the-end.csv", text);
        Reports reports = new Reports();

        assertThatThrownBy(() -> imports.importFile(CsvImport.Kind.POSTS, path, reports))
                .isInstanceOf(ImportRejectedException.class);

        assertThat(reports.checked()).extracting(Reports.Checked::rows).containsExactly(1_000L, 2_000L, 2_501L);
        assertThat(reports.checked().get(2).bytesRead()).isEqualTo(Files.size(path));
        assertThat(reports.written()).isEmpty();
        assertThat(fx.count("SELECT count(*) FROM posts")).isZero();
    }

    @Test
    void cancellingDuringTheCheckOfAUsersFileStopsBeforeAnyHashing() throws IOException {
        StringBuilder text = new StringBuilder("username,email,password\n");
        for (int i = 0; i < 3_000; i++) {
            text.append("user").append(i).append(",user").append(i).append("@x.org,long enough\n");
        }
        Path path = file("users.csv", text.toString());
        Cancellation cancellation = new Cancellation();
        Reports reports = new Reports();
        reports.onFirstCheck = cancellation::cancel;

        assertThatThrownBy(() -> imports.importFile(CsvImport.Kind.USERS, path, reports, cancellation))
                .isInstanceOf(CancellationException.class);

        assertThat(reports.checked()).extracting(Reports.Checked::rows).containsExactly(1_000L);
        assertThat(reports.written()).isEmpty();
        assertThat(fx.count("SELECT count(*) FROM users")).isEqualTo(2);
        assertThat(fx.count("SELECT count(*) FROM postdesk_audit")).isZero();
    }
}
