package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Transactions;
import io.postdesk.model.PostFilter;
import io.postdesk.model.RowCount;
import io.postdesk.testing.TestDatabase;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counts: the estimate for a big whole table, else counted, up to a bound for searches and filters. */
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
    void aFilterIsCountedUpToTheBoundAndThenSaysAtLeast() {
        RowCount published = tx.read(s -> posts.count(s, PostFilter.NONE.withPublished(
                io.postdesk.model.PublishedFilter.PUBLISHED), null));

        assertThat(published).isEqualTo(RowCount.atLeast(RowCounter.COUNT_UP_TO));
    }

    @Test
    void aSearchThePlannerMisjudgesIsCountedNotEstimated() {
        // The planner guesses a handful of rows for a text search; about 3,300 titles contain "post 12".
        long truth = tx.read(s -> posts.exactCount(s, PostFilter.NONE.withSearch("post 12"), null)).value();
        RowCount counted = tx.read(s -> posts.count(s, PostFilter.NONE.withSearch("post 12"), null));

        assertThat(truth).isBetween(1_000L, (long) RowCounter.COUNT_UP_TO);
        assertThat(counted).isEqualTo(RowCount.exactly(truth));
    }

    @Test
    void aSmallTableIsCountedExactlyWhateverItsEstimate() {
        PostStore smallTables = new PostStore(new RowCounter(POSTS * 2L, 1_000));

        RowCount all = tx.read(s -> smallTables.count(s, PostFilter.NONE, null));
        RowCount drafts = tx.read(s -> smallTables.count(s, PostFilter.NONE.withPublished(
                io.postdesk.model.PublishedFilter.DRAFTS), null));

        assertThat(all).isEqualTo(RowCount.exactly(POSTS));
        assertThat(drafts).isEqualTo(RowCount.atLeast(1_000));
    }

    @Test
    void aCountIsNeverBelowTheRowsAlreadySeen() {
        assertThat(RowCount.estimated(1).atLeastKnown(51)).isEqualTo(RowCount.atLeast(51));
        assertThat(RowCount.estimated(3_381).atLeastKnown(51)).isEqualTo(RowCount.estimated(3_381));
        assertThat(RowCount.exactly(7).atLeastKnown(51)).isEqualTo(RowCount.exactly(7));
    }
}
