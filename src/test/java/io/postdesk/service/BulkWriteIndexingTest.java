package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.store.AuditStore;
import io.postdesk.store.BulkPublishStore;
import io.postdesk.store.ImportStore;
import io.postdesk.store.SearchIndexBatch;
import io.postdesk.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why big writes are fast (V5 and {@link SearchIndexBatch}), checked on the real database:
 * publishing is a HOT update that touches no index, and a big import leaves the search indexes
 * merged (no pending list for searches or other sessions to pay for).
 */
class BulkWriteIndexingTest {
    private static final String PASSWORD = "batch-secret-1";
    private static TestDatabase db;
    private static EditingFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
        db.sql("CREATE EXTENSION IF NOT EXISTS pageinspect");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void data() {
        db.sql("DELETE FROM users");
        fx.insertUser("ann", "ann@x.org");
    }

    @Test
    void noIndexOfPostsHoldsAColumnThatPublishingChanges() {
        assertThat(fx.column("SELECT i.indexrelid::regclass::text FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                + " WHERE i.indrelid = 'posts'::regclass AND a.attname IN ('published', 'updated_at')"))
                .as("an index on published or updated_at makes every publish a non-HOT update").isEmpty();
        assertThat(fx.column("SELECT unnest(reloptions) FROM pg_class WHERE oid = 'posts'::regclass"))
                .contains("fillfactor=60");
    }

    @Test
    void publishingIsAHotUpdate() {
        db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'post ' || g, repeat('words and more ', 40)"
                + " FROM users, generate_series(1, 3000) g");
        db.sql("VACUUM posts"); // as a table at rest: inserted, then vacuumed by autovacuum
        List<UUID> drafts = fx.column("SELECT id::text FROM posts WHERE NOT published ORDER BY id LIMIT 300").stream()
                .map(UUID::fromString).toList();

        long[] updated = db.transactions().write(session -> {
            new BulkPublishStore().updateIds(session, drafts, true, null);
            return session.doReturningWork(connection -> {
                try (var rows = connection.createStatement().executeQuery(
                        "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables WHERE relname = 'posts'")) {
                    rows.next();
                    return new long[] {rows.getLong(1), rows.getLong(2)};
                }
            });
        });

        assertThat(updated[0]).isEqualTo(300);
        assertThat(updated[1]).as("HOT updates of 300").isEqualTo(300);
    }

    @Test
    void aBigImportLeavesTheSearchIndexesMerged() throws IOException {
        Path file = posts(3_000, "zebracorn");

        ImportResult result = imports(db.transactions()).importFile(CsvImport.Kind.POSTS, file, ImportProgress.NONE);

        assertThat(result.rows()).isEqualTo(3_000);
        assertThat(pendingPages("posts_content_trgm")).isZero();
        assertThat(pendingPages("posts_title_trgm")).isZero();
        assertThat(fx.count("SELECT count(*) FROM posts WHERE content ILIKE '%zebracorn%'")).isEqualTo(3_000);
    }

    @Test
    void aSmallImportUsesTheOrdinaryPendingList() throws IOException {
        Path file = posts(50, "smallcorn");

        imports(db.transactions()).importFile(CsvImport.Kind.POSTS, file, ImportProgress.NONE);

        assertThat(pendingPages("posts_content_trgm")).as("50 posts: not worth a merge").isPositive();
        boolean batching = db.transactions().write(session -> SearchIndexBatch.begin(session, 50).batching());
        assertThat(batching).isFalse();
    }

    @Test
    void aRoleThatDoesNotOwnTheIndexesImportsTheOrdinaryWay() throws IOException {
        Path file = posts(3_000, "rolecorn");
        String role = "writer_" + UUID.randomUUID().toString().replace("-", "");
        db.sql("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
        db.sql("GRANT SELECT, INSERT, UPDATE, DELETE ON users, posts, postdesk_audit TO " + role);
        try {
            DatabaseUrl url = new DatabaseUrl(db.url().host(), db.url().port(), db.url().database(), role, PASSWORD,
                    Map.of());
            try (HikariDataSource pool = ConnectionPool.create(url, PoolSettings.DEFAULTS, false);
                 SessionFactory sessions = SessionFactories.create(pool)) {
                Transactions writer = new Transactions(sessions);
                boolean batching = writer.write(session -> SearchIndexBatch.begin(session, 3_000).batching());
                assertThat(batching).isFalse();

                ImportResult result = imports(writer).importFile(CsvImport.Kind.POSTS, file, ImportProgress.NONE);

                assertThat(result.rows()).isEqualTo(3_000);
            }
        } finally {
            db.sql("DROP OWNED BY " + role);
            db.sql("DROP ROLE " + role);
        }
        assertThat(fx.count("SELECT count(*) FROM posts WHERE content ILIKE '%rolecorn%'")).isEqualTo(3_000);
    }

    private static CsvImport imports(Transactions transactions) {
        return new CsvImport(transactions, new ImportStore(), new AuditStore("test"), new PasswordHasher());
    }

    private static Path posts(int rows, String word) throws IOException {
        Path file = dir.resolve(word + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("author,title,content,published\n");
            for (int i = 0; i < rows; i++) {
                out.write("ann,Post " + i + ",Some text about the " + word + " number " + i + ",false\n");
            }
        }
        return file;
    }

    private static long pendingPages(String index) {
        return fx.count("SELECT n_pending_pages FROM gin_metapage_info(get_raw_page('" + index + "', 0))");
    }
}
