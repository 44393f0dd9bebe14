package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The trigram indexes give the same answers as reading every row: the same searches run once on
 * connections that must use them (sequential and plain index scans switched off) and once
 * normally (300 rows: the planner reads them all). Trigrams are built from lower-cased text with the database's own notion of letters,
 * so this guards non-ASCII and escaped text on the index path too.
 */
class SearchIndexTest {
    private static TestDatabase db;
    private static HikariDataSource indexOnly;
    private static SessionFactory indexHibernate;
    private static Transactions normal;
    private static Transactions throughIndexes;
    private final PostStore posts = new PostStore();
    private final UserStore users = new UserStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        BrowseData data = new BrowseData(db);
        List<String> titles = List.of("Café crème", "CAFÉ NOIR", "50%_off sale", "50% off sale", "50_off",
                "C:\\temp\\new", "O'Reilly", "Привет мир", "ПРИВЕТСТВИЕ", "مرحبا بالعالم", "Straße", "party 🎉 time",
                "plain words here");
        for (int i = 0; i < 300; i++) {
            UUID author = data.user(i % 7 == 0 ? "Émile_" + i : "user_" + i, "mail" + i + "@exämple.org",
                    BrowseData.T0);
            data.post(author, titles.get(i % titles.size()) + " " + i, "content of " + titles.get((i + 5) % titles.size()),
                    i % 2 == 0, BrowseData.T0.plusSeconds(i));
        }
        db.sql("ANALYZE");
        normal = db.transactions();
        DatabaseUrl url = db.url();
        // Every session of this pool starts with the plans that do not need the trigram indexes switched off.
        indexOnly = ConnectionPool.create(new DatabaseUrl(url.host(), url.port(), url.database(), url.user(),
                url.password(), Map.of("options", "-c enable_seqscan=off -c enable_indexscan=off")),
                PoolSettings.DEFAULTS, false);
        indexHibernate = SessionFactories.create(indexOnly);
        throughIndexes = new Transactions(indexHibernate);
    }

    @AfterAll
    static void close() {
        indexHibernate.close();
        indexOnly.close();
        db.close();
    }

    @Test
    void theSearchPlanUsesTheTrigramIndexes() throws SQLException {
        assertThat(plan("SELECT 1 FROM posts p WHERE (p.title ILIKE ? ESCAPE '\\' OR p.content ILIKE ? ESCAPE '\\')",
                "%crème%")).contains("posts_title_trgm", "posts_content_trgm");
        assertThat(plan("SELECT 1 FROM users u WHERE (u.username ILIKE ? ESCAPE '\\' OR u.email ILIKE ? ESCAPE '\\')",
                "%mile%")).contains("users_username_trgm", "users_email_trgm");
    }

    @ParameterizedTest
    @ValueSource(strings = {"café", "CAFÉ", "crème", "50%_off", "50%", "_off", "\\temp\\", "o'reilly", "привет",
        "ПРИВЕТ", "بالعالم", "STRAẞE", "🎉", "words", "of", "e", "no such words"})
    void postSearchesThroughTheIndexFindWhatAFullReadFinds(String text) {
        PostFilter filter = PostFilter.NONE.withSearch(text);
        List<UUID> expected = postIds(normal, filter);

        assertThat(postIds(throughIndexes, filter)).containsExactlyElementsOf(expected);
        RowCount indexed = throughIndexes.read(s -> posts.exactCount(s, filter, null));
        RowCount read = normal.read(s -> posts.exactCount(s, filter, null));
        assertThat(indexed).isEqualTo(read);
    }

    @ParameterizedTest
    @ValueSource(strings = {"émile", "ÉMILE_1", "user_1", "exämple", "EXÄMPLE.ORG", "%", "mail1"})
    void userSearchesThroughTheIndexFindWhatAFullReadFinds(String text) {
        UserFilter filter = UserFilter.NONE.withSearch(text);
        List<UUID> expected = userIds(normal, filter);

        assertThat(userIds(throughIndexes, filter)).containsExactlyElementsOf(expected);
    }

    private List<UUID> postIds(Transactions transactions, PostFilter filter) {
        return transactions.read(s -> posts.page(s, filter, PostSort.NEWEST_FIRST, new PageRequest.First(100), null))
                .rows().stream().map(PostRow::id).toList();
    }

    private List<UUID> userIds(Transactions transactions, UserFilter filter) {
        return transactions.read(s -> users.page(s, filter, UserSort.NEWEST_FIRST, new PageRequest.First(100), null))
                .rows().stream().map(UserRow::id).toList();
    }

    private static String plan(String query, String pattern) throws SQLException {
        try (Connection c = indexOnly.getConnection(); PreparedStatement s = c.prepareStatement("EXPLAIN " + query)) {
            s.setString(1, pattern);
            s.setString(2, pattern);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }
}
