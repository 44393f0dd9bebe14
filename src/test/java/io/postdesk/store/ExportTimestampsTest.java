package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.Migrations;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The timestamps the client formats (TrailingTimestamps) are byte for byte what the SQL format
 * (ExportValues) writes, on random microsecond instants of years 1-9999 with 0 to 6 fraction digits
 * and on the values Instant cannot print (infinity, BC, year 10000 and later), on PostDesk's schema
 * (timestamptz) and the tutorial's (TIMESTAMP), in JVMs of several zones, with and without the
 * formula guard, for each delimiter. A column order with a timestamp before other columns keeps the
 * SQL format for it.
 */
class ExportTimestampsTest {
    private static final int RANDOM_POSTS = 30_000;
    private static final int RANDOM_USERS = 3_000;
    private static final List<String> ZONES = List.of("UTC", "America/New_York", "Asia/Tokyo", "Pacific/Chatham");
    /** Values outside the random range, each as created_at and updated_at of a post and a user. */
    private static final List<String> SPECIAL = List.of("infinity", "-infinity", "0044-03-15 12:00:00.5 BC",
            "0001-12-31 23:59:59.999999 BC", "4713-11-24 00:00:00 BC", "10000-01-01 00:00:00", "12345-06-07 08:09:10.11",
            "0001-01-01 00:00:00", "9999-12-31 23:59:59.999999", "2024-02-29 00:00:00", "2024-02-29 23:59:59.1",
            "2025-03-13 01:49:37.12", "2000-01-01 00:00:00.000001", "1970-01-01 00:00:00.1234", "2026-01-01 00:00:00");
    private static final List<ExportColumn.Post> ALL_POSTS = List.of(ExportColumn.Post.values());
    private static final List<ExportColumn.User> ALL_USERS = List.of(ExportColumn.User.values());

    enum Schema {
        POSTDESK("timestamptz", "+00"),
        TUTORIAL("timestamp", "");

        final String type;
        final String utc;

        Schema(String type, String utc) {
            this.type = type;
            this.utc = utc;
        }
    }

    private static TestDatabase own;
    private static TestDatabase tutorial;

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

    /**
     * Random instants of years 1-9999 to the microsecond, the fraction cut to 6 - (n % 7) digits so
     * each length comes up, written as literals of the column's type (no session zone enters).
     */
    private static void fill(TestDatabase db, Schema schema) {
        String random = "(" + schema.type + " '0001-01-01 00:00:00" + schema.utc + "'"
                + " + make_interval(secs => floor(random() * 315537897600))"
                + " + (floor(random() * 1000000)::bigint / %1$s * %1$s) * interval '1 microsecond')";
        String created = random.formatted("(10 ^ (g % 7))::bigint");
        String updated = random.formatted("(10 ^ ((g / 7) % 7))::bigint");
        db.sql("INSERT INTO users (username, email, password_hash, created_at, updated_at) SELECT 'user' || g,"
                + " 'u' || g || '@example.org', 'h', " + created + ", " + updated
                + " FROM generate_series(1, " + RANDOM_USERS + ") g");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at, updated_at)"
                + " SELECT (SELECT id FROM users ORDER BY username LIMIT 1), 'post ' || g, '=content, \"' || g || '\"',"
                + " g % 2 = 0, " + created + ", " + updated + " FROM generate_series(1, " + RANDOM_POSTS + ") g");
        for (int i = 0; i < SPECIAL.size(); i++) {
            String value = literal(schema, SPECIAL.get(i));
            String other = literal(schema, SPECIAL.get(SPECIAL.size() - 1 - i));
            db.sql("INSERT INTO users (username, email, password_hash, created_at, updated_at) VALUES ('special" + i
                    + "', 's" + i + "@example.org', 'h', " + value + ", " + other + ")");
            db.sql("INSERT INTO posts (user_id, title, content, created_at, updated_at) SELECT id, 'special " + i
                    + "', '-1', " + value + ", " + other + " FROM users WHERE username = 'special" + i + "'");
        }
    }

    /** "2024-02-29 00:00:00" as a literal of the schema's type, in UTC; "0044-... BC" with the offset before BC. */
    private static String literal(Schema schema, String value) {
        if (value.endsWith("infinity")) {
            return schema.type + " '" + value + "'";
        }
        String text = value.endsWith(" BC") ? value.replace(" BC", schema.utc + " BC") : value + schema.utc;
        return schema.type + " '" + text + "'";
    }

    @ParameterizedTest(name = "{0} schema")
    @EnumSource(Schema.class)
    void theClientWritesTheBytesTheServerWrote(Schema schema) throws Exception {
        TestDatabase db = schema == Schema.TUTORIAL ? tutorial : own;
        TimeZone before = TimeZone.getDefault();
        try {
            for (String zone : ZONES) {
                // pgjdbc sends the JVM's zone as the session's when it connects; the pool sets UTC.
                TimeZone.setDefault(TimeZone.getTimeZone(zone));
                try (HikariDataSource pool = ConnectionPool.create(db.url(), PoolSettings.DEFAULTS, false)) {
                    compare(pool, zone);
                }
            }
        } finally {
            TimeZone.setDefault(before);
        }
    }

    private static void compare(HikariDataSource pool, String zone) throws SQLException {
        CsvOptions[] options = {CsvOptions.DEFAULTS, CsvOptions.DEFAULTS.withFormulaGuard(false),
                CsvOptions.DEFAULTS.withDelimiter(';').withHeader(false), CsvOptions.DEFAULTS.withDelimiter('\t')};
        for (CsvOptions option : options) {
            String what = zone + ", " + option;
            Written client = posts(pool, new ExportStore(), ALL_POSTS, option);
            assertThat(client.rewritten).as("lines the client rewrote, " + what).isEqualTo(RANDOM_POSTS + SPECIAL.size());
            assertSameBytes(client, posts(pool, new ExportStore(false), ALL_POSTS, option), "posts, " + what);
            assertSameBytes(users(pool, new ExportStore(), option), users(pool, new ExportStore(false), option),
                    "users, " + what);
        }
        String guarded = new String(posts(pool, new ExportStore(), ALL_POSTS, CsvOptions.DEFAULTS).bytes,
                StandardCharsets.UTF_8);
        assertThat(guarded).contains(",2025-03-13T01:49:37.120Z,", ",2024-02-29T00:00:00Z\n", ",'-infinity,",
                ",1970-01-01T00:00:00.123400Z,", ",0001-01-01T00:00:00Z,", ",9999-12-31T23:59:59.999999Z\n");

        // A timestamp before other columns stays in SQL; one at the end is the client's.
        List<ExportColumn.Post> mixed = List.of(ExportColumn.Post.CREATED_AT, ExportColumn.Post.TITLE,
                ExportColumn.Post.UPDATED_AT);
        Written client = posts(pool, new ExportStore(), mixed, CsvOptions.DEFAULTS);
        assertThat(client.rewritten).isEqualTo(RANDOM_POSTS + SPECIAL.size());
        assertSameBytes(client, posts(pool, new ExportStore(false), mixed, CsvOptions.DEFAULTS), "mixed order, " + zone);
        List<ExportColumn.Post> notLast = List.of(ExportColumn.Post.CREATED_AT, ExportColumn.Post.UPDATED_AT,
                ExportColumn.Post.TITLE);
        Written server = posts(pool, new ExportStore(), notLast, CsvOptions.DEFAULTS);
        assertThat(server.rewritten).as("timestamps before the title are the server's").isZero();
        assertThat(new String(server.bytes, StandardCharsets.UTF_8)).contains("2025-03-13T01:49:37.120Z,");
    }

    private static Written posts(HikariDataSource pool, ExportStore store, List<ExportColumn.Post> columns,
                                 CsvOptions options) throws SQLException {
        Written out = new Written();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            store.posts(connection, PostFilter.NONE, PostSort.NEWEST_FIRST, columns, options, out, null);
            connection.rollback();
        }
        return out.done();
    }

    private static Written users(HikariDataSource pool, ExportStore store, CsvOptions options) throws SQLException {
        Written out = new Written();
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            store.users(connection, UserFilter.NONE, UserSort.NEWEST_FIRST, ALL_USERS, options, out, null);
            connection.rollback();
        }
        return out.done();
    }

    /** Equal bytes; when not, the first line that differs, so the failure says which value. */
    private static void assertSameBytes(Written client, Written server, String what) {
        if (!Arrays.equals(client.bytes, server.bytes)) {
            List<String> ours = new String(client.bytes, StandardCharsets.UTF_8).lines().toList();
            List<String> theirs = new String(server.bytes, StandardCharsets.UTF_8).lines().toList();
            for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
                assertThat(ours.get(i)).as(what + ", line " + (i + 1)).isEqualTo(theirs.get(i));
            }
            assertThat(ours).as(what + ", line count").hasSameSizeAs(theirs);
        }
        assertThat(client.bytes).as(what).isEqualTo(server.bytes);
    }

    /** The lines as a file sink receives them, and how many came in two parts (a rewritten end). */
    private static final class Written implements ExportStore.LineSink {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private byte[] bytes;
        private int rewritten;

        @Override
        public void line(byte[] line) {
            out.write(line, 0, line.length);
        }

        @Override
        public void line(byte[] head, int headLength, byte[] tail, int tailLength) {
            out.write(head, 0, headLength);
            out.write(tail, 0, tailLength);
            rewritten++;
        }

        Written done() {
            bytes = out.toByteArray();
            return this;
        }
    }
}
