package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.Migrations;
import io.postdesk.model.AuditEntry;
import io.postdesk.model.AuditFilter;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.EditablePost;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostDraft;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: every place PostDesk reads or writes a post's or user's time gives the same instant
 * whatever the zone of the machine it runs on, on PostDesk's own schema (timestamptz) and on a blog
 * created from the tutorial's schema (TIMESTAMP without time zone, read as UTC) and then adopted.
 *
 * <p>The driver sends the JVM's default zone as the session's TimeZone when it connects, so each
 * case sets the default zone first and opens a new connection (pool and Hibernate) in it.
 */
class TimestampZonesTest {
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Asia/Tokyo");
    /** The row of the issue: 2025-03-13T01:49:37Z, which is the 12th in New York and the 13th in Tokyo. */
    private static final Instant KNOWN = Instant.parse("2025-03-13T01:49:37Z");
    private static final Instant USER_CREATED = Instant.parse("2025-03-12T08:00:00Z");
    /** Eleven more posts five hours apart, so the day boundaries of all three zones fall between some of them. */
    private static final Instant FIRST_OTHER = Instant.parse("2025-03-11T20:30:00Z");
    private static final int OTHERS = 11;
    private static final Duration STEP = Duration.ofHours(5);

    enum Schema {
        /** PostDesk's own V1: timestamptz. */
        POSTDESK,
        /** The blog tutorial's schema: TIMESTAMP without time zone, adopted as version 1. */
        TUTORIAL
    }

    private static TestDatabase own;
    private static TestDatabase tutorial;

    @TempDir
    Path folder;

    @BeforeAll
    static void createDatabases() throws IOException {
        own = TestDatabase.create();
        fill(own, Schema.POSTDESK);
        tutorial = TestDatabase.createTutorialBlog();
        fill(tutorial, Schema.TUTORIAL);
        new Migrations(tutorial.dataSource()).migrate();
    }

    @AfterAll
    static void dropDatabases() {
        own.close();
        tutorial.close();
    }

    /** The rows as the blog wrote them: literals of the column's own type, so no session zone enters. */
    private static void fill(TestDatabase db, Schema schema) {
        String type = schema == Schema.TUTORIAL ? "timestamp" : "timestamptz";
        String offset = schema == Schema.TUTORIAL ? "" : "+00";
        db.sql("INSERT INTO users (username, email, password_hash, created_at, updated_at) VALUES ('blogger',"
                + " 'b@example.org', 'h', " + type + " '2025-03-12 08:00:00" + offset + "', " + type
                + " '2025-03-12 08:00:00" + offset + "')");
        db.sql("INSERT INTO posts (user_id, title, content, created_at, updated_at) SELECT id, 'Known', 'c', "
                + type + " '2025-03-13 01:49:37" + offset + "', " + type + " '2025-03-13 01:49:37" + offset
                + "' FROM users");
        db.sql("INSERT INTO posts (user_id, title, content, created_at, updated_at) SELECT id, 'Post ' || n, 'c', "
                + type + " '2025-03-11 20:30:00" + offset + "' + n * interval '5 hours', " + type
                + " '2025-03-11 20:30:00" + offset + "' FROM users, generate_series(1, " + OTHERS + ") n");
    }

    static Stream<Arguments> zonesAndSchemas() {
        return ZONES.stream().flatMap(zone -> Stream.of(Schema.values()).map(schema -> Arguments.of(zone, schema)));
    }

    @ParameterizedTest(name = "JVM in {0}, {1} schema")
    @MethodSource("zonesAndSchemas")
    void everyReadAndWriteGivesTheSameInstant(String zone, Schema schema) throws Exception {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        TestDatabase db = schema == Schema.TUTORIAL ? tutorial : own;
        SoftAssertions softly = new SoftAssertions();
        try (DatabaseConnection connection = DatabaseConnection.connect(new DatabaseTarget.Server(db.url(), "test"),
                PoolSettings.DEFAULTS, false)) {
            Workspace workspace = connection.openWorkspace(connection.schema());
            pageRowsCarryTheStoredInstants(workspace, softly);
            keysetStepsAndJumpsVisitEveryPostOnce(workspace, softly);
            aLocalDayFilterSelectsThatDaysPosts(workspace, ZoneId.of(zone), softly);
            exportWritesTheStoredInstants(workspace, softly);
            importStoresTheInstantOfTheOffset(workspace, db, zone, softly);
            postsWrittenByPostDeskAreDatedNow(workspace, softly);
        } finally {
            TimeZone.setDefault(before);
        }
        softly.assertAll();
    }

    /**
     * The blog writing through a session of another zone (libpq on a server whose TimeZone is Tokyo):
     * its TIMESTAMP values still count for the UTC day they name, so "go to page" finds its page.
     */
    @Test
    void postsOfAWriterInAnotherZoneAreCountedByTheirUtcDay() throws Exception {
        try (TestDatabase blog = TestDatabase.createTutorialBlog()) {
            blog.sql("INSERT INTO users (username, email, password_hash) VALUES ('blogger', 'b@example.org', 'h')");
            new Migrations(blog.dataSource()).migrate();
            try (Connection writer = DriverManager.getConnection(blog.url().jdbcUrl(), blog.url().user(),
                    blog.url().password()); Statement s = writer.createStatement()) {
                s.execute("SET TIME ZONE 'Asia/Tokyo'");
                // 20:00 on the 12th and hourly on: 4 posts on the 12th, 24 on the 13th, 2 on the 14th.
                s.execute("INSERT INTO posts (user_id, title, content, created_at) SELECT id, 'Hour ' || n, 'c',"
                        + " timestamp '2025-03-12 20:00:00' + n * interval '1 hour' FROM users, generate_series(0, 29) n");
            }
            assertThat(textInUtc(blog, "SELECT string_agg(to_char(day AT TIME ZONE 'UTC', 'MM-DD') || '=' || posts,"
                    + " ' ' ORDER BY day) FROM (SELECT day, sum(posts) AS posts FROM postdesk_post_days GROUP BY day"
                    + " HAVING sum(posts) <> 0) AS d")).isEqualTo("03-12=4 03-13=24 03-14=2");
            try (DatabaseConnection connection = DatabaseConnection.connect(new DatabaseTarget.Server(blog.url(),
                    "test"), PoolSettings.DEFAULTS, false)) {
                Workspace workspace = connection.openWorkspace(connection.schema());
                // Newest first: page 5 of 5 rows holds hours 4 to 0.
                assertThat(titles(workspace.posts().page(PostFilter.NONE, PostSort.NEWEST_FIRST,
                        new PageRequest.At(5, 5), null))).containsExactly("Hour 4", "Hour 3", "Hour 2", "Hour 1", "Hour 0");
            }
        }
    }

    private static void pageRowsCarryTheStoredInstants(Workspace workspace, SoftAssertions softly) {
        Map<String, Instant> read = new LinkedHashMap<>();
        for (PostRow row : workspace.posts().page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(50),
                null).rows()) {
            read.put(row.title(), row.createdAt());
        }
        softly.assertThat(read).as("posts' created_at on the page").isEqualTo(expected());
        List<UserRow> users = workspace.users().page(UserFilter.NONE, UserSort.NEWEST_FIRST, new PageRequest.First(10),
                null).rows();
        softly.assertThat(users).as("the user's created_at on the page")
                .extracting(UserRow::createdAt).containsExactly(USER_CREATED);
    }

    /** Newest first and oldest first, five at a time: each post once, in order; a jump lands on the same pages. */
    private static void keysetStepsAndJumpsVisitEveryPostOnce(Workspace workspace, SoftAssertions softly) {
        for (boolean ascending : new boolean[] {false, true}) {
            PostSort sort = new PostSort(PostSort.Key.CREATED, ascending);
            List<List<String>> pages = new ArrayList<>();
            Page<PostRow> page = workspace.posts().page(PostFilter.NONE, sort, new PageRequest.First(5), null);
            pages.add(titles(page));
            while (page.hasNext() && pages.size() < 10) {
                page = workspace.posts().page(PostFilter.NONE, sort, new PageRequest.Next(5, page.last()), null);
                pages.add(titles(page));
            }
            List<String> order = ordered(ascending);
            softly.assertThat(pages.stream().flatMap(List::stream).toList())
                    .as("stepping through the posts, ascending=" + ascending).isEqualTo(order);
            for (int index = 0; index < 3; index++) {
                List<String> jumped = titles(workspace.posts().page(PostFilter.NONE, sort,
                        new PageRequest.At(5, index), null));
                softly.assertThat(jumped).as("jump to page " + index + ", ascending=" + ascending)
                        .isEqualTo(order.subList(index * 5, Math.min(order.size(), index * 5 + 5)));
            }
        }
    }

    /** "Created from 13 March to 13 March" in the window: the user's own calendar day, as an instant range. */
    private static void aLocalDayFilterSelectsThatDaysPosts(Workspace workspace, ZoneId zone, SoftAssertions softly) {
        LocalDate day = LocalDate.of(2025, 3, 13);
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant before = day.plusDays(1).atStartOfDay(zone).toInstant();
        PostFilter filter = PostFilter.NONE.withCreatedFrom(from).withCreatedBefore(before);
        List<String> expected = expected().entrySet().stream()
                .filter(e -> !e.getValue().isBefore(from) && e.getValue().isBefore(before))
                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
        softly.assertThat(expected).as("the day holds posts to find").isNotEmpty();
        softly.assertThat(titles(workspace.posts().page(filter, PostSort.NEWEST_FIRST, new PageRequest.First(50), null)))
                .as("posts of " + day + " in " + zone).isEqualTo(expected);
        softly.assertThat(workspace.posts().exactCount(filter, null).value()).as("count of " + day + " in " + zone)
                .isEqualTo(expected.size());
        softly.assertThat(workspace.users().page(UserFilter.NONE.withCreatedFrom(USER_CREATED)
                        .withCreatedBefore(USER_CREATED.plusSeconds(1)), UserSort.NEWEST_FIRST, new PageRequest.First(10),
                null).rows()).as("users created in the very second").hasSize(1);
    }

    private static void exportWritesTheStoredInstants(Workspace workspace, SoftAssertions softly) throws IOException {
        CsvOptions plain = CsvOptions.DEFAULTS.withFormulaGuard(false);
        Path posts = Files.createTempFile("posts", ".csv");
        Path users = Files.createTempFile("users", ".csv");
        try {
            workspace.export().posts(posts, PostFilter.NONE, PostSort.NEWEST_FIRST,
                    List.of(ExportColumn.Post.TITLE, ExportColumn.Post.CREATED_AT), plain, null, null);
            List<String> expected = new ArrayList<>();
            expected.add("title,created_at");
            ordered(false).forEach(title -> expected.add(title + "," + expected().get(title)));
            softly.assertThat(Files.readAllLines(posts, StandardCharsets.UTF_8)).as("posts export")
                    .isEqualTo(expected).contains("Known,2025-03-13T01:49:37Z");
            workspace.export().users(users, UserFilter.NONE, UserSort.NEWEST_FIRST,
                    List.of(ExportColumn.User.USERNAME, ExportColumn.User.CREATED_AT), plain, null, null);
            softly.assertThat(Files.readAllLines(users, StandardCharsets.UTF_8)).as("users export")
                    .containsExactly("username,created_at", "blogger,2025-03-12T08:00:00Z");
        } finally {
            Files.deleteIfExists(posts);
            Files.deleteIfExists(users);
        }
    }

    /** 10:49:37 in Tokyo is the known instant; the window shows it so, and the table holds it so. */
    private void importStoresTheInstantOfTheOffset(Workspace workspace, TestDatabase db, String zone,
                                                   SoftAssertions softly) throws Exception {
        String title = "Imported in " + zone;
        Path file = folder.resolve("import.csv");
        Files.writeString(file, "author,title,content,published,created_at\n"
                + "blogger," + title + ",Text,false,2025-03-13T10:49:37+09:00\n", StandardCharsets.UTF_8);
        try {
            workspace.imports().importFile(CsvImport.Kind.POSTS, file, ImportProgress.NONE);
            Map<String, Instant> read = new LinkedHashMap<>();
            workspace.posts().page(PostFilter.NONE.withSearch(title), PostSort.NEWEST_FIRST, new PageRequest.First(5),
                    null).rows().forEach(row -> read.put(row.title(), row.createdAt()));
            softly.assertThat(read).as("the imported post in the window").isEqualTo(Map.of(title, KNOWN));
            softly.assertThat(storedAsUtc(db, "SELECT created_at FROM posts WHERE title = ?", title))
                    .as("the imported post in the table").isEqualTo("2025-03-13 01:49:37");
        } finally {
            deletePost(db, title);
        }
    }

    /** created_at and updated_at come from the database's now(): the window must show now, not now shifted. */
    private static void postsWrittenByPostDeskAreDatedNow(Workspace workspace, SoftAssertions softly) {
        Instant start = Instant.now().minusSeconds(2);
        EditablePost created = workspace.postEditing().create(new PostDraft("Written now", "Text", false,
                workspace.users().firstPage(1).get(0).id()));
        Instant end = Instant.now().plusSeconds(2);
        try {
            softly.assertThat(created.createdAt()).as("created_at of a new post").isBetween(start, end);
            softly.assertThat(workspace.posts().page(PostFilter.NONE.withSearch("Written now"), PostSort.NEWEST_FIRST,
                            new PageRequest.First(5), null).rows()).as("the new post on the page")
                    .extracting(PostRow::updatedAt).singleElement().satisfies(at -> softly.assertThat(at)
                            .as("its updated_at").isBetween(start, end));
            List<AuditEntry> history = workspace.audit().history(AuditFilter.ALL, 1);
            softly.assertThat(history).as("the audit entry of the new post").singleElement()
                    .extracting(AuditEntry::at).satisfies(at -> softly.assertThat(at).isBetween(start, end));
        } finally {
            workspace.postEditing().delete(List.of(created.id()));
        }
    }

    private static Map<String, Instant> expected() {
        Map<String, Instant> posts = new LinkedHashMap<>();
        posts.put("Known", KNOWN);
        for (int n = 1; n <= OTHERS; n++) {
            posts.put("Post " + n, FIRST_OTHER.plus(STEP.multipliedBy(n)));
        }
        return posts;
    }

    private static List<String> ordered(boolean ascending) {
        Comparator<Map.Entry<String, Instant>> byTime = Map.Entry.comparingByValue();
        return expected().entrySet().stream().sorted(ascending ? byTime : byTime.reversed())
                .map(Map.Entry::getKey).toList();
    }

    private static List<String> titles(Page<PostRow> page) {
        return page.rows().stream().map(PostRow::title).toList();
    }

    /**
     * A value as UTC wall-clock text, read on a connection of its own that sets its zone itself: what
     * the row holds, whatever PostDesk's connections do. (A TIMESTAMP becomes timestamptz as UTC here.)
     */
    private static String storedAsUtc(TestDatabase db, String select, String parameter) throws SQLException {
        return textInUtc(db, "SELECT to_char(v::timestamptz AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM ("
                + select + ") AS x(v)", parameter);
    }

    /** The first column of the first row, on a connection of its own in UTC; null without a row. */
    private static String textInUtc(TestDatabase db, String sql, String... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password())) {
            try (Statement s = c.createStatement()) {
                s.execute("SET TIME ZONE 'UTC'");
            }
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 1, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
        }
    }

    private static void deletePost(TestDatabase db, String title) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url().jdbcUrl(), db.url().user(), db.url().password());
             PreparedStatement statement = c.prepareStatement("DELETE FROM posts WHERE title = ?")) {
            statement.setString(1, title);
            statement.executeUpdate();
        }
    }
}
