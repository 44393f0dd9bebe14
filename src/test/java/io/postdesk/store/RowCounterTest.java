package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Transactions;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import io.postdesk.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counts: exact when the planner expects few rows, the estimate when it expects many or time runs out. */
class RowCounterTest {
    private static final int POSTS = 30_000;
    private static TestDatabase db;
    private static Transactions tx;
    private static UUID few;
    private final PostStore posts = new PostStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        tx = db.transactions();
        BrowseData data = new BrowseData(db);
        UUID many = data.user("many");
        few = data.user("few");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT '" + many + "', 'post ' || i, 'some content ' || i, i % 3 <> 0,"
                + " timestamptz '2026-01-01' + i * interval '1 minute' FROM generate_series(1, " + (POSTS - 10) + ") i");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT '" + few + "', 'few ' || i, 'c', true"
                + " FROM generate_series(1, 10) i");
        db.sql("ANALYZE posts");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aBigResultIsEstimatedAndTheExactCountIsThereOnRequest() {
        RowCount estimate = tx.read(s -> posts.count(s, PostFilter.NONE, null));
        RowCount exact = tx.read(s -> posts.exactCount(s, PostFilter.NONE, null));

        assertThat(estimate.exact()).isFalse();
        assertThat(estimate.value()).isBetween(POSTS * 9L / 10, POSTS * 11L / 10);
        assertThat(exact).isEqualTo(new RowCount(POSTS, true));
    }

    @Test
    void aSmallResultIsCountedExactly() {
        RowCount byAuthor = tx.read(s -> posts.count(s, PostFilter.NONE.withAuthor(few, "few"), null));
        RowCount searched = tx.read(s -> posts.count(s, PostFilter.NONE.withSearch("post 1234"), null));

        assertThat(byAuthor).isEqualTo(new RowCount(10, true));
        assertThat(searched).isEqualTo(new RowCount(11, true));
    }

    @Test
    void theEstimateIsOfTheFilteredQuery() {
        RowCount published = tx.read(s -> posts.count(s, PostFilter.NONE.withPublished(
                io.postdesk.model.PublishedFilter.PUBLISHED), null));

        assertThat(published.exact()).isFalse();
        assertThat(published.value()).isBetween(POSTS * 6L / 10, POSTS * 7L / 10);
    }

    @Test
    void aCountThatRunsOutOfTimeGivesTheEstimateAndLeavesTheTransactionUsable() {
        PostStore impatient = new PostStore(new RowCounter(Long.MAX_VALUE, Duration.ofMillis(1)));

        var afterwards = tx.read(s -> {
            RowCount count = impatient.count(s, PostFilter.NONE.withSearch("o"), null);
            var page = impatient.page(s, PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(5), null);
            String timeout = s.doReturningWork(c -> {
                try (var rs = c.createStatement().executeQuery("SHOW statement_timeout")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            return new Object[] {count, page.rows().size(), timeout};
        });

        RowCount count = (RowCount) afterwards[0];
        assertThat(count.exact()).isFalse();
        assertThat(afterwards[1]).isEqualTo(5);
        assertThat(afterwards[2]).as("the time budget ends with the count").isEqualTo("0");
    }
}
