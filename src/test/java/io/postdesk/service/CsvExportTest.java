package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.Cancellation;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.Progress;
import io.postdesk.model.PublishedFilter;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.store.ExportStore;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV export on the real database: nasty values survive, formulas are neutralised, files are replaced atomically. */
class CsvExportTest {
    /** Titles that break naive CSV writers or spreadsheets. */
    static final List<String> NASTY = List.of(
            "plain", "with \"quotes\" inside", "comma, semicolon; and\ttab", "line\nbreak", "crlf\r\nbreak",
            "=1+2", "+SUM(A1)", "-3", "@cmd", "\tstarts with tab", "\rstarts with CR", "emoji 😀🎉 ok",
            "עברית right-to-left שלום", "   spaces around   ", "'already quoted", "\"");
    private static final List<ExportColumn.Post> TITLE_AND_CONTENT =
            List.of(ExportColumn.Post.TITLE, ExportColumn.Post.CONTENT, ExportColumn.Post.AUTHOR);

    private static TestDatabase db;
    private static CsvExport export;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() throws SQLException {
        db = TestDatabase.create();
        export = new CsvExport(db.transactions(), new ExportStore());
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'SECRET-HASH')");
        try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO posts (user_id, title, content, published, created_at)"
                        + " SELECT id, ?, ?, ?, now() - make_interval(secs => ?) FROM users WHERE username = 'ann'")) {
            for (int i = 0; i < NASTY.size(); i++) {
                insert.setString(1, NASTY.get(i));
                insert.setString(2, "content " + NASTY.get(i));
                insert.setBoolean(3, i % 2 == 0);
                insert.setInt(4, i); // created in list order, newest first = list order
                insert.executeUpdate();
            }
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void nastyValuesComeBackEqualWithTheGuardOff() throws IOException {
        Path file = folder.resolve("posts.csv");
        long rows = export.posts(file, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                CsvOptions.DEFAULTS.withFormulaGuard(false), null, null);

        assertThat(rows).isEqualTo(NASTY.size());
        List<CSVRecord> records = read(file, ',');
        assertThat(records.get(0).values()).containsExactly("title", "content", "author");
        List<String> titles = records.stream().skip(1).map(r -> r.get(0)).toList();
        assertThat(titles).containsExactlyElementsOf(NASTY);
        assertThat(records.stream().skip(1).map(r -> r.get(1)).toList())
                .containsExactlyElementsOf(NASTY.stream().map(t -> "content " + t).toList());
        assertThat(records.get(1).get(2)).isEqualTo("ann");
    }

    @Test
    void formulasAreNeutralisedByDefault() throws IOException {
        Path file = folder.resolve("guarded.csv");
        export.posts(file, PostFilter.NONE, PostSort.NEWEST_FIRST, List.of(ExportColumn.Post.TITLE), CsvOptions.DEFAULTS,
                null, null);

        List<String> titles = read(file, ',').stream().skip(1).map(r -> r.get(0)).toList();
        List<String> expected = NASTY.stream().map(t -> t.matches("(?s)^[=+\\-@\t\r].*") ? "'" + t : t).toList();
        assertThat(titles).containsExactlyElementsOf(expected);
        assertThat(titles).contains("'=1+2", "'+SUM(A1)", "'-3", "'@cmd", "'\tstarts with tab", "'\rstarts with CR",
                "'already quoted");
    }

    @Test
    void bomOnlyWhenAsked() throws IOException {
        Path without = folder.resolve("without.csv");
        Path with = folder.resolve("with.csv");
        export.posts(without, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT, CsvOptions.DEFAULTS, null, null);
        export.posts(with, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT, CsvOptions.DEFAULTS.withBom(true),
                null, null);

        byte[] plain = Files.readAllBytes(without);
        byte[] marked = Files.readAllBytes(with);
        assertThat(plain).startsWith("title,".getBytes(StandardCharsets.UTF_8));
        assertThat(marked).startsWith(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 't'});
        assertThat(marked.length).isEqualTo(plain.length + 3);
    }

    @Test
    void semicolonAndTabDelimitersWithoutHeader() throws IOException {
        for (char delimiter : new char[] {';', '\t'}) {
            Path file = folder.resolve("d" + (int) delimiter + ".csv");
            export.posts(file, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                    CsvOptions.DEFAULTS.withDelimiter(delimiter).withHeader(false).withFormulaGuard(false), null, null);
            List<CSVRecord> records = read(file, delimiter);
            assertThat(records).hasSize(NASTY.size());
            assertThat(records.stream().map(r -> r.get(0)).toList()).containsExactlyElementsOf(NASTY);
            assertThat(records).allSatisfy(r -> assertThat(r.size()).isEqualTo(3));
        }
    }

    @Test
    void filterAndSortAreTheTables() throws IOException {
        Path file = folder.resolve("published.csv");
        long rows = export.posts(file, PostFilter.NONE.withPublished(PublishedFilter.PUBLISHED),
                new PostSort(PostSort.Key.CREATED, true), List.of(ExportColumn.Post.TITLE, ExportColumn.Post.PUBLISHED),
                CsvOptions.DEFAULTS.withFormulaGuard(false), null, null);

        List<String> expected = new ArrayList<>();
        for (int i = NASTY.size() - 1; i >= 0; i--) {
            if (i % 2 == 0) {
                expected.add(NASTY.get(i));
            }
        }
        List<CSVRecord> records = read(file, ',');
        assertThat(rows).isEqualTo(expected.size());
        assertThat(records.stream().skip(1).map(r -> r.get(0)).toList()).containsExactlyElementsOf(expected);
        assertThat(records.stream().skip(1).map(r -> r.get(1)).distinct().toList()).containsExactly("true");
    }

    @Test
    void usersNeverIncludeThePasswordHash() throws IOException {
        Path file = folder.resolve("users.csv");
        export.users(file, UserFilter.NONE, UserSort.NEWEST_FIRST, List.of(ExportColumn.User.values()),
                CsvOptions.DEFAULTS, null, null);

        String text = Files.readString(file);
        assertThat(text).startsWith("id,username,email,created_at,updated_at\r\n").contains("ann,ann@x.org")
                .doesNotContain("SECRET-HASH").doesNotContain("password");
        assertThat(Stream.of(ExportColumn.User.values()).map(ExportColumn::header)).doesNotContain("password_hash");
    }

    @Test
    void cancelLeavesNoFileAndKeepsAnExistingOne() throws IOException {
        Path fresh = folder.resolve("fresh.csv");
        Path existing = folder.resolve("existing.csv");
        Files.writeString(existing, "old contents");

        for (Path target : List.of(fresh, existing)) {
            Cancellation cancellation = new Cancellation();
            cancellation.cancel();
            assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                    CsvOptions.DEFAULTS, null, cancellation)).isInstanceOf(CancelledException.class);
        }

        assertThat(fresh).doesNotExist();
        assertThat(existing).hasContent("old contents");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("existing.csv");
        }
    }

    @Test
    void cancelMidwayFromTheProgressLeavesNoFile() throws SQLException {
        // Enough rows for several progress reports.
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('many', 'many@x.org', 'x')");
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'bulk ' || g, 'c' FROM users, generate_series(1, 12000) g"
                + " WHERE username = 'many'");
        try {
            Path target = folder.resolve("big.csv");
            Cancellation cancellation = new Cancellation();
            List<Progress> reports = new ArrayList<>();
            assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                    CsvOptions.DEFAULTS, progress -> {
                        reports.add(progress);
                        cancellation.cancel();
                    }, cancellation)).isInstanceOf(CancelledException.class);
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).done()).isEqualTo(5_000);
            assertThat(reports.get(0).total()).isGreaterThanOrEqualTo(5_000);
            assertThat(target).doesNotExist();
            assertThat(folder).isEmptyDirectory();
        } finally {
            db.sql("DELETE FROM users WHERE username = 'many'");
        }
    }

    @Test
    void aFailedMoveLeavesTheOldFileAndSaysWhy() throws IOException {
        Path target = folder.resolve("a-folder.csv");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside.txt"), "kept");

        assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                CsvOptions.DEFAULTS, null, null))
                .isInstanceOf(ExportException.class)
                .satisfies(e -> assertOneSentenceLine(e.getMessage()))
                .hasMessage(target.toAbsolutePath() + " is a folder; choose a file name. Nothing was changed.");
        assertThat(target.resolve("inside.txt")).hasContent("kept");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("a-folder.csv");
        }
    }

    @Test
    void aMissingFolderIsSaidInWords() {
        Path target = folder.resolve("no-such-folder").resolve("posts.csv");
        assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                CsvOptions.DEFAULTS, null, null))
                .isInstanceOf(ExportException.class)
                .satisfies(e -> assertOneSentenceLine(e.getMessage()))
                .hasMessage("The folder " + target.toAbsolutePath().getParent() + " does not exist. Nothing was changed.");
        assertThat(target.getParent()).doesNotExist();
    }

    @Test
    void aFailedMoveOntoAnEmptyFolderKeepsItAndLeavesNoTemporaryFile() throws IOException {
        // The temporary file is complete when the move fails: rename(2) refuses to put a file over a
        // folder, even an empty one and even for root, so this is the final move failing for real.
        Path target = folder.resolve("empty-folder.csv");
        Files.createDirectory(target);

        assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                CsvOptions.DEFAULTS, null, null))
                .isInstanceOf(ExportException.class)
                .satisfies(e -> assertOneSentenceLine(e.getMessage()))
                .hasMessage(target.toAbsolutePath() + " is a folder; choose a file name. Nothing was changed.");
        assertThat(target).isEmptyDirectory();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("empty-folder.csv");
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsSaidInWords() throws IOException {
        Path notAFolder = folder.resolve("notes.txt");
        Files.writeString(notAFolder, "kept");
        Path target = notAFolder.resolve("posts.csv");

        assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT,
                CsvOptions.DEFAULTS, null, null))
                .isInstanceOf(ExportException.class)
                .satisfies(e -> assertOneSentenceLine(e.getMessage()))
                .hasMessage(notAFolder.toAbsolutePath() + " is a file, not a folder. Choose a folder. Nothing was changed.");
        assertThat(notAFolder).hasContent("kept");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("notes.txt");
        }
    }

    /** What a person reads: one line, no exception class names, no stack frames. */
    private static void assertOneSentenceLine(String message) {
        assertThat(message).doesNotContain("\n", "\r", "Exception", "\tat ", "java.");
    }

    @Test
    void aReplacedFileIsComplete() throws IOException {
        Path target = folder.resolve("posts.csv");
        Files.writeString(target, "old contents");
        export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, TITLE_AND_CONTENT, CsvOptions.DEFAULTS, null, null);
        assertThat(read(target, ',')).hasSize(NASTY.size() + 1);
    }

    @Test
    void theGuardTakesTheSixStartsInEveryTextColumnAndNothingElse() throws IOException {
        List<String> starts = List.of("=A1", "+A1", "-A1", "@A1", "\tA1", "\rA1");
        List<String> others = List.of("a=b", " =A1", "", "'x", "A1-", "\u00a0=A1", "1");
        UUID author = insertAuthor("-guarded", Stream.concat(starts.stream(), others.stream()).toList());
        try {
            Path file = folder.resolve("guard.csv");
            export.posts(file, PostFilter.NONE.withAuthor(author, "-guarded"), new PostSort(PostSort.Key.CREATED, true),
                    List.of(ExportColumn.Post.TITLE, ExportColumn.Post.CONTENT, ExportColumn.Post.AUTHOR,
                            ExportColumn.Post.PUBLISHED, ExportColumn.Post.CREATED_AT),
                    CsvOptions.DEFAULTS, null, null);

            List<CSVRecord> records = read(file, ',').subList(1, starts.size() + others.size() + 1);
            List<String> expected = Stream.concat(starts.stream().map(t -> "'" + t), others.stream()).toList();
            assertThat(records.stream().map(r -> r.get(0)).toList()).containsExactlyElementsOf(expected);
            assertThat(records.stream().map(r -> r.get(1)).toList()).containsExactlyElementsOf(expected);
            assertThat(records).allSatisfy(r -> {
                assertThat(r.get(2)).isEqualTo("'-guarded");
                assertThat(r.get(3)).isEqualTo("false");
                assertThat(r.get(4)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3}|\\.\\d{6})?Z");
            });
        } finally {
            db.sql("DELETE FROM users WHERE id = '" + author + "'");
        }
    }

    @Test
    void aTabDelimiterQuotesTabsAndACommaDoesNot() throws IOException {
        UUID author = insertAuthor("tabby", List.of("a\tb", "a,b", "a;b", "plain"));
        try {
            PostFilter mine = PostFilter.NONE.withAuthor(author, "tabby");
            PostSort oldestFirst = new PostSort(PostSort.Key.CREATED, true);
            Path tab = folder.resolve("tab.csv");
            Path comma = folder.resolve("comma.csv");
            Path semicolon = folder.resolve("semicolon.csv");
            List<ExportColumn.Post> title = List.of(ExportColumn.Post.TITLE);
            CsvOptions plain = CsvOptions.DEFAULTS.withHeader(false);
            export.posts(tab, mine, oldestFirst, title, plain.withDelimiter('\t'), null, null);
            export.posts(comma, mine, oldestFirst, title, plain, null, null);
            export.posts(semicolon, mine, oldestFirst, title, plain.withDelimiter(';'), null, null);

            assertThat(Files.readString(tab)).isEqualTo("\"a\tb\"\r\na,b\r\na;b\r\nplain\r\n");
            assertThat(Files.readString(comma)).isEqualTo("a\tb\r\n\"a,b\"\r\na;b\r\nplain\r\n");
            assertThat(Files.readString(semicolon)).isEqualTo("a\tb\r\na,b\r\n\"a;b\"\r\nplain\r\n");
        } finally {
            db.sql("DELETE FROM users WHERE id = '" + author + "'");
        }
    }

    @Test
    void linesEndInCrlfAndBreaksInsideAValueStayAsTheyAre() throws IOException {
        UUID author = insertAuthor("breaks", List.of("lf\ninside", "crlf\r\ninside", "", "last"));
        try {
            Path file = folder.resolve("breaks.csv");
            export.posts(file, PostFilter.NONE.withAuthor(author, "breaks"), new PostSort(PostSort.Key.CREATED, true),
                    List.of(ExportColumn.Post.TITLE, ExportColumn.Post.CONTENT), CsvOptions.DEFAULTS, null, null);

            // An empty text is an empty cell, but "" in the first column (else the line would be blank).
            assertThat(Files.readString(file)).isEqualTo("title,content\r\n\"lf\ninside\",\"lf\ninside\"\r\n"
                    + "\"crlf\r\ninside\",\"crlf\r\ninside\"\r\n\"\",\r\nlast,last\r\n");
        } finally {
            db.sql("DELETE FROM users WHERE id = '" + author + "'");
        }
    }

    @Test
    void timestampsAreWrittenAsInstantsAndBooleansAsWords() throws IOException, SQLException {
        List<String> stamps = List.of("2024-05-01 09:30:00+00", "2024-05-01 09:30:00.5+00", "2024-05-01 09:30:00.12+00",
                "2024-05-01 09:30:00.000123+00", "2024-05-01 09:30:00.123456+00", "2024-05-01 09:30:00.1234+00",
                "2024-05-01 11:30:00.010+02", "0001-01-01 00:00:00+00", "1969-12-31 23:59:59.999999+00",
                "9999-12-31 23:59:59.999+00");
        UUID author = insertAuthor("stamps", stamps.stream().map(t -> "at " + t).toList());
        try {
            try (Connection c = db.dataSource().getConnection(); PreparedStatement update = c.prepareStatement(
                    "UPDATE posts SET created_at = ?::timestamptz, published = ? WHERE title = ?")) {
                for (int i = 0; i < stamps.size(); i++) {
                    update.setString(1, stamps.get(i));
                    update.setBoolean(2, i % 2 == 0);
                    update.setString(3, "at " + stamps.get(i));
                    update.executeUpdate();
                }
            }
            Path file = folder.resolve("stamps.csv");
            export.posts(file, PostFilter.NONE.withAuthor(author, "stamps"), new PostSort(PostSort.Key.TITLE, true),
                    List.of(ExportColumn.Post.TITLE, ExportColumn.Post.CREATED_AT, ExportColumn.Post.PUBLISHED),
                    CsvOptions.DEFAULTS, null, null);

            List<CSVRecord> records = read(file, ',').subList(1, stamps.size() + 1);
            for (CSVRecord record : records) {
                String stamp = record.get(0).substring(3);
                int i = stamps.indexOf(stamp);
                // What the export wrote before COPY: the driver's OffsetDateTime as an Instant.
                assertThat(record.get(1)).isEqualTo(java.time.OffsetDateTime.parse(stamp.replace(' ', 'T') + ":00")
                        .toInstant().toString());
                assertThat(record.get(2)).isEqualTo(i % 2 == 0 ? "true" : "false");
            }
        } finally {
            db.sql("DELETE FROM users WHERE id = '" + author + "'");
        }
    }

    @Test
    void anExportImportsBack() throws IOException {
        List<String> titles = NASTY.stream().filter(t -> !t.isBlank() && !t.strip().equals("\"")).toList();
        UUID author = insertAuthor("roundtrip", titles);
        CsvImport imports = new CsvImport(db.transactions(), new io.postdesk.store.ImportStore(),
                new io.postdesk.store.AuditStore(EditingFixture.DESKTOP_USER), new PasswordHasher());
        try {
            PostFilter mine = PostFilter.NONE.withAuthor(author, "roundtrip");
            List<ExportColumn.Post> columns = List.of(ExportColumn.Post.AUTHOR, ExportColumn.Post.TITLE,
                    ExportColumn.Post.CONTENT, ExportColumn.Post.PUBLISHED, ExportColumn.Post.CREATED_AT);
            for (char delimiter : new char[] {',', ';', '\t'}) {
                Path file = folder.resolve("roundtrip" + (int) delimiter + ".csv");
                CsvOptions options = CsvOptions.DEFAULTS.withDelimiter(delimiter).withBom(true).withFormulaGuard(false);
                List<CSVRecord> before = exported(mine, columns, options, file);
                db.sql("DELETE FROM posts WHERE user_id = '" + author + "'");

                assertThat(imports.importFile(CsvImport.Kind.POSTS, file, ImportProgress.NONE).rows()).isEqualTo(titles.size());

                List<CSVRecord> after = exported(mine, columns, options, folder.resolve("again.csv"));
                // Titles are saved without surrounding spaces, as a form saves them (a leading tab or CR is
                // data and kept); everything else comes back as it was.
                assertThat(after.stream().map(CSVRecord::toList).toList()).isEqualTo(before.stream()
                        .map(r -> List.of(r.get(0), r.get(1).replaceAll("^ +| +$", ""), r.get(2), r.get(3), r.get(4)))
                        .toList());
            }
        } finally {
            db.sql("DELETE FROM users WHERE id = '" + author + "'");
        }
    }

    private static List<CSVRecord> exported(PostFilter filter, List<ExportColumn.Post> columns, CsvOptions options,
                                            Path file) throws IOException {
        export.posts(file, filter, new PostSort(PostSort.Key.CREATED, true), columns, options, null, null);
        byte[] bytes = Files.readAllBytes(file);
        int skip = options.bom() ? 3 : 0;
        try (Reader in = new java.io.StringReader(new String(bytes, skip, bytes.length - skip, StandardCharsets.UTF_8))) {
            return CSVFormat.RFC4180.builder().setDelimiter(options.delimiter()).get().parse(in).getRecords();
        }
    }

    /** A user with one post per title (the content the same as the title), created a second apart in list order. */
    private static UUID insertAuthor(String username, List<String> titles) {
        UUID id = UUID.randomUUID();
        db.sql("INSERT INTO users (id, username, email, password_hash) VALUES ('" + id + "', '" + username.replace("'", "''")
                + "', '" + id + "@x.org', 'x')");
        try (Connection c = db.dataSource().getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO posts (user_id, title, content, created_at) VALUES (?, ?, ?, timestamptz '2024-05-01' + make_interval(secs => ?))")) {
            for (int i = 0; i < titles.size(); i++) {
                insert.setObject(1, id);
                insert.setString(2, titles.get(i));
                insert.setString(3, titles.get(i));
                insert.setInt(4, i);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return id;
    }

    static List<CSVRecord> read(Path file, char delimiter) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.builder().setDelimiter(delimiter).get().parse(in).getRecords();
        }
    }

}
