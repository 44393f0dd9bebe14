package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.db.Transactions;
import io.postdesk.model.Cursor;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.PublishedFilter;
import io.postdesk.testing.TestDatabase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keyset paging of posts on every sort key, both directions, over data full of ties: 103 posts
 * with 5 distinct creation times, 7 titles, 4 update times, 3 authors and 2 published states.
 */
class PostPagingTest {
    private static final int POSTS = 103;
    private static TestDatabase db;
    private static Transactions tx;
    private static BrowseData data;
    private static List<UUID> authors;
    private final PostStore posts = new PostStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        tx = db.transactions();
        data = new BrowseData(db);
        authors = List.of(data.user("zed"), data.user("Ann"), data.user("émile"));
        for (int i = 0; i < POSTS; i++) {
            data.post(authors.get(i % 3), "Title " + (i % 7), "content " + i, i % 3 != 0,
                    BrowseData.T0.plus(Duration.ofHours(i % 5)));
        }
        db.sql("UPDATE posts SET updated_at = created_at + (extract(minute FROM created_at) + length(content) % 4)"
                + " * interval '1 day'");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Stream<PostSort> everySort() {
        return Arrays.stream(PostSort.Key.values())
                .flatMap(key -> Stream.of(new PostSort(key, true), new PostSort(key, false)));
    }

    @ParameterizedTest
    @MethodSource("everySort")
    void steppingForwardBackwardAndJumpingSeeEveryPostOnce(PostSort sort) {
        for (int size : new int[] {10, 3, 100, 51}) {
            walk(PostFilter.NONE, sort, size).matches(expected(sort, ""));
        }
    }

    @ParameterizedTest
    @MethodSource("everySort")
    void pagingAFilteredResultKeepsTheFilterOnEveryPage(PostSort sort) {
        PostFilter drafts = PostFilter.NONE.withPublished(PublishedFilter.DRAFTS).withSearch("content 1");
        walk(drafts, sort, 4).matches(expected(sort, "WHERE NOT p.published AND p.content LIKE '%content 1%'"));
    }

    @Test
    void aUsersPostsPageNewestFirstAcrossTiesWithTheirCounts() {
        UUID ann = authors.get(1);
        for (int size : new int[] {5, 1, 34, 100}) {
            new KeysetWalk<>(request -> tx.read(s -> posts.pageOfUser(s, ann, request, null)), PostRow::id, size)
                    .matches(data.ids("SELECT id FROM posts WHERE user_id = '" + ann + "' ORDER BY created_at DESC, id DESC"));
        }
        PostStore.AuthorCounts counts = tx.read(s -> posts.countsOfUser(s, ann, null));

        // Ann wrote posts 1, 4, ..., 100, all published; zed wrote 0, 3, ..., 102, all drafts.
        assertThat(counts).isEqualTo(new PostStore.AuthorCounts(34, 34));
        PostStore.AuthorCounts zeds = tx.read(s -> posts.countsOfUser(s, authors.get(0), null));
        assertThat(zeds).isEqualTo(new PostStore.AuthorCounts(35, 0));
        PostStore.AuthorCounts nobodys = tx.read(s -> posts.countsOfUser(s, UUID.randomUUID(), null));
        assertThat(nobodys).isEqualTo(new PostStore.AuthorCounts(0, 0));
    }

    @Test
    void anEmptyResultIsOneEmptyPage() {
        Page<PostRow> page = page(PostFilter.NONE.withSearch("nothing like this"), PostSort.NEWEST_FIRST,
                new PageRequest.First(10));

        assertThat(page.rows()).isEmpty();
        assertThat(page.first()).isNull();
        assertThat(page.hasNext()).isFalse();
        assertThat(page.hasPrevious()).isFalse();
    }

    @Test
    void cursorsCarryTheSortValueAsItsJavaType() {
        Page<PostRow> page = page(PostFilter.NONE, new PostSort(PostSort.Key.PUBLISHED, true), new PageRequest.First(3));
        assertThat(page.first().sortValue()).isEqualTo(false);

        PostRow newest = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(1)).rows().get(0);
        Cursor cursor = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(1)).first();
        assertThat(cursor.sortValue()).isEqualTo(newest.createdAt());
        assertThat(page(PostFilter.NONE, new PostSort(PostSort.Key.AUTHOR, true), new PageRequest.First(1)).first()
                .sortValue()).isEqualTo("Ann");
    }

    @Test
    void aCursorFromAnotherSortIsRefused() {
        Cursor byTitle = page(PostFilter.NONE, new PostSort(PostSort.Key.TITLE, true), new PageRequest.First(2)).last();

        assertThatThrownBy(() -> page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.Next(2, byTitle)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another sort");
    }

    @Test
    void pageSizesOutsideOneToAHundredAreRefused() {
        assertThatThrownBy(() -> page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(101)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void previousFromNearTheStartShowsAFullFirstPage() {
        Page<PostRow> third = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.At(10, 1));
        Cursor fewBeforeIt = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(4)).last();

        Page<PostRow> previous = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.Previous(10, fewBeforeIt));

        assertThat(third.rows()).hasSize(10);
        assertThat(previous.rows()).hasSize(10);
        assertThat(previous.hasPrevious()).isFalse();
        assertThat(previous).isEqualTo(page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(10)));
    }

    @Test
    void nextPastTheEndShowsTheLastPage() {
        Cursor end = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.Last(10, 1)).last();

        Page<PostRow> next = page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.Next(10, end));

        assertThat(next).isEqualTo(page(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.Last(10, 10)));
        assertThat(next.hasNext()).isFalse();
    }

    @Test
    void rowsCarryTheAuthorsNameAndTheDatabaseTimestamps() {
        PostRow first = page(PostFilter.NONE, new PostSort(PostSort.Key.AUTHOR, false), new PageRequest.First(1))
                .rows().get(0);

        assertThat(first.author()).isEqualTo("émile");
        assertThat(first.createdAt()).isBetween(BrowseData.T0, BrowseData.T0.plus(Duration.ofHours(4)));
        assertThat(first.updatedAt()).isAfterOrEqualTo(first.createdAt());
    }

    private KeysetWalk<PostRow> walk(PostFilter filter, PostSort sort, int size) {
        return new KeysetWalk<>(request -> page(filter, sort, request), PostRow::id, size);
    }

    private Page<PostRow> page(PostFilter filter, PostSort sort, PageRequest request) {
        return tx.read(s -> posts.page(s, filter, sort, request, null));
    }

    /** The same order, written out independently of the store. */
    private static List<UUID> expected(PostSort sort, String where) {
        String column = switch (sort.key()) {
            case TITLE -> "p.title";
            case AUTHOR -> "u.username";
            case PUBLISHED -> "p.published";
            case CREATED -> "p.created_at";
            case UPDATED -> "p.updated_at";
        };
        String direction = sort.ascending() ? "ASC" : "DESC";
        return data.ids("SELECT p.id FROM posts p JOIN users u ON u.id = p.user_id " + where
                + " ORDER BY " + column + " " + direction + ", p.id " + direction);
    }
}
