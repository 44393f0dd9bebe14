package io.postdesk.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo blog a new user sees on the embedded database: 40 users and 2,000 posts, about two
 * thirds published, dated over the three years before 1 November 2026. A fixed seed makes it the
 * same on every machine, so screenshots, bug reports and tests agree.
 */
public final class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String MARKER_FILE = "demo-loaded";
    static final int USERS = 40;
    static final int POSTS = 2_000;
    /** Every demo user's password is "postdesk-demo"; this is its Argon2id hash. */
    static final String DEMO_PASSWORD_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$tQ1vdo6mxqthQEl/j0myGw$IavIcE2BImywgLFDzxRNr1ZbZIaRttTquRxRC2UuzY8";
    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofDays(3 * 365);

    private static final String[] FIRST_NAMES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace",
        "heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor",
        "walter", "yara", "zoe", "amir", "bea", "chen", "dmitri", "elif", "fatima", "goran", "hana", "ines"};
    private static final String[] TOPICS = {"PostgreSQL", "JavaFX", "indexes", "coffee", "gardening",
        "backups", "the weekend", "remote work", "CSV files", "vacuum", "our new office", "hiking",
        "query plans", "keyboards", "sourdough", "release notes", "migrations", "type systems", "caching",
        "the team offsite"};
    private static final String[] OPENERS = {"Notes on", "Why I love", "A short guide to", "Thoughts on",
        "Lessons from", "Getting started with", "What nobody tells you about", "Ten facts about",
        "Revisiting", "A week of"};
    private static final String[] WORDS = ("the a of and to in is it that for on with as was at by this we "
            + "database table index query row column page search server client backup restore commit rollback "
            + "transaction schema view window button editor author reader draft publish morning evening "
            + "coffee garden bread mountain river city friend team meeting release bug fix test build fast "
            + "slow simple careful quiet bright new old small large").split(" ");

    private DemoData() {
    }

    /**
     * Loads the demo set once per data folder: only when the marker file is absent and the
     * tables are empty. The marker means emptying the tables later never brings the demo back.
     *
     * @return true when the demo set was loaded now
     */
    public static boolean loadIfFirstStart(DataSource dataSource, Path dataFolder) {
        Path marker = dataFolder.resolve(MARKER_FILE);
        if (Files.exists(marker)) {
            return false;
        }
        boolean loaded = false;
        try (Connection connection = dataSource.getConnection()) {
            if (isEmpty(connection)) {
                long start = System.nanoTime();
                insert(connection);
                loaded = true;
                log.info("Loaded the demo data ({} users, {} posts) in {} ms", USERS, POSTS,
                        (System.nanoTime() - start) / 1_000_000);
            }
            Files.writeString(marker, "The demo data was loaded into this database once; it will not be loaded again.\n");
            return loaded;
        } catch (SQLException e) {
            throw new DatabaseException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Connection connection) throws SQLException {
        try (ResultSet rs = connection.createStatement().executeQuery(
                "SELECT NOT EXISTS (SELECT 1 FROM users) AND NOT EXISTS (SELECT 1 FROM posts)")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Inserts everything in one transaction: a half-loaded demo is never left behind. */
    static void insert(Connection connection) throws SQLException {
        Random random = new Random(20261101L);
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<UUID> userIds = insertUsers(connection, random);
            insertPosts(connection, random, userIds);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static List<UUID> insertUsers(Connection connection, Random random) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO users (id, username, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < USERS; i++) {
                UUID id = new UUID(random.nextLong(), random.nextLong());
                String username = FIRST_NAMES[i % FIRST_NAMES.length] + (i < FIRST_NAMES.length ? "" : "_" + i);
                Instant created = END.minus(SPAN).plus(Duration.ofHours(random.nextInt(24 * 120)));
                insert.setObject(1, id);
                insert.setString(2, username);
                insert.setString(3, username + "@example.org");
                insert.setString(4, DEMO_PASSWORD_HASH);
                insert.setTimestamp(5, Timestamp.from(created));
                insert.setTimestamp(6, Timestamp.from(created.plus(Duration.ofDays(random.nextInt(400)))));
                insert.addBatch();
                ids.add(id);
            }
            insert.executeBatch();
        }
        return ids;
    }

    private static void insertPosts(Connection connection, Random random, List<UUID> userIds) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO posts (id, user_id, title, content, published, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < POSTS; i++) {
                // Authors are skewed, as on a real blog: a few people write most posts.
                int author = (int) (userIds.size() * Math.pow(random.nextDouble(), 2.5));
                Instant created = END.minus(SPAN).plusSeconds((long) (random.nextDouble() * SPAN.toSeconds()));
                Instant updated = random.nextInt(4) == 0
                        ? created.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30))) : created;
                insert.setObject(1, new UUID(random.nextLong(), random.nextLong()));
                insert.setObject(2, userIds.get(author));
                insert.setString(3, title(random));
                insert.setString(4, content(random));
                insert.setBoolean(5, random.nextInt(3) != 0);
                insert.setTimestamp(6, Timestamp.from(created));
                insert.setTimestamp(7, Timestamp.from(updated.isAfter(END) ? END : updated));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String title(Random random) {
        return OPENERS[random.nextInt(OPENERS.length)] + " " + TOPICS[random.nextInt(TOPICS.length)];
    }

    private static String content(Random random) {
        StringBuilder text = new StringBuilder();
        int paragraphs = 1 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            int words = 30 + random.nextInt(90);
            boolean sentenceStart = true;
            for (int w = 0; w < words; w++) {
                String word = WORDS[random.nextInt(WORDS.length)];
                text.append(sentenceStart ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                sentenceStart = w < words - 1 && random.nextInt(12) == 0;
                text.append(w == words - 1 ? "." : sentenceStart ? ". " : " ");
            }
            if (p < paragraphs - 1) {
                text.append("\n\n");
            }
        }
        return text.toString();
    }
}
