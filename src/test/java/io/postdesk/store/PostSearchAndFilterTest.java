package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.db.Transactions;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostDetail;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.PublishedFilter;
import io.postdesk.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which posts a filter shows: each part alone, combined, and search text taken literally. */
class PostSearchAndFilterTest {
    private static final Instant DAY1 = BrowseData.T0;
    private static final Instant DAY2 = DAY1.plus(Duration.ofDays(1));
    private static final Instant DAY3 = DAY1.plus(Duration.ofDays(2));
    private static TestDatabase db;
    private static Transactions tx;
    private static UUID ann;
    private static UUID bob;
    private final PostStore posts = new PostStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        tx = db.transactions();
        BrowseData data = new BrowseData(db);
        ann = data.user("ann");
        bob = data.user("bob");
        data.post(ann, "Sale: 50%_off today", "body", true, DAY1);
        data.post(ann, "Sale: 50% off today", "body", true, DAY1);
        data.post(ann, "Sale: 50_off today", "body", false, DAY2);
        data.post(ann, "Sale: 500 offers", "body", false, DAY2);
        data.post(bob, "Paths", "C:\\temp\\new is a folder", true, DAY2);
        data.post(bob, "Paths too", "C:\\temp\\x and C:/temp/new", true, DAY3);
        data.post(bob, "O'Reilly's \"quoted\" book", "body", false, DAY3);
        data.post(bob, "Café crème", "Straße am Fluß", true, DAY3);
        data.post(bob, "Русский заголовок", "Привет, мир", true, DAY1);
        data.post(bob, "عنوان عربي", "مرحبا بالعالم", false, DAY1);
        data.post(ann, "Party time", "Bring 🎉 and 🍰 please", true, DAY2);
        data.post(ann, "Plain title", "The word needle hides in the content", false, DAY3);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @ParameterizedTest(name = "searching [{0}] finds {1}")
    @CsvSource(delimiter = '|', value = {
        "50%_off       | Sale: 50%_off today",
        "50%           | Sale: 50%_off today, Sale: 50% off today",
        "50_           | Sale: 50_off today",
        "%             | Sale: 50%_off today, Sale: 50% off today",
        "_             | Sale: 50%_off today, Sale: 50_off today",
        "'\\temp\\new' | Paths",
        "'\\'          | Paths, Paths too",
        "'O''Reilly'     | 'O''Reilly''s \"quoted\" book'",
        "'\"quoted\"'    | 'O''Reilly''s \"quoted\" book'",
        "CAFÉ          | Café crème",
        "café CRÈME    | Café crème",
        "STRASSE       | ''",
        "STRAẞE        | Café crème",
        "fluß          | Café crème",
        "ПРИВЕТ        | Русский заголовок",
        "заголовок     | Русский заголовок",
        "بالعالم       | عنوان عربي",
        "🎉            | Party time",
        "NEEDLE        | Plain title",
        "sale: 50      | Sale: 50%_off today, Sale: 50% off today, Sale: 50_off today, Sale: 500 offers",
    })
    void searchIsLiteralCaseInsensitiveAndLooksInTitleAndContent(String text, String titles) {
        List<String> expected = titles.isEmpty() ? List.of() : List.of(titles.split(", "));

        assertThat(titles(PostFilter.NONE.withSearch(text))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(count(PostFilter.NONE.withSearch(text))).isEqualTo(expected.size());
    }

    @Test
    void publishedAndDraftsSplitThePosts() {
        assertThat(titles(PostFilter.NONE.withPublished(PublishedFilter.PUBLISHED))).hasSize(7)
                .contains("Café crème").doesNotContain("Plain title");
        assertThat(titles(PostFilter.NONE.withPublished(PublishedFilter.DRAFTS))).hasSize(5)
                .contains("Plain title").doesNotContain("Café crème");
        assertThat(titles(PostFilter.NONE)).hasSize(12);
    }

    @Test
    void authorFilterShowsOnlyTheirPosts() {
        assertThat(titles(PostFilter.NONE.withAuthor(bob, "bob"))).hasSize(6).contains("Paths", "Café crème");
        assertThat(titles(PostFilter.NONE.withAuthor(UUID.randomUUID(), "gone"))).isEmpty();
    }

    @Test
    void createdRangeIncludesItsStartAndExcludesItsEnd() {
        assertThat(titles(PostFilter.NONE.withCreatedFrom(DAY2).withCreatedBefore(DAY3)))
                .containsExactlyInAnyOrder("Sale: 50_off today", "Sale: 500 offers", "Paths", "Party time");
        assertThat(titles(PostFilter.NONE.withCreatedFrom(DAY3))).hasSize(4);
        assertThat(titles(PostFilter.NONE.withCreatedBefore(DAY2))).hasSize(4);
    }

    @Test
    void filtersCombineWithAnd() {
        PostFilter annsPublishedSalesOnDay1 = PostFilter.NONE.withSearch("sale").withAuthor(ann, "ann")
                .withPublished(PublishedFilter.PUBLISHED).withCreatedBefore(DAY2);
        assertThat(titles(annsPublishedSalesOnDay1)).containsExactlyInAnyOrder("Sale: 50%_off today", "Sale: 50% off today");

        PostFilter bobsDraftsOnDay3 = PostFilter.NONE.withAuthor(bob, "bob").withPublished(PublishedFilter.DRAFTS)
                .withCreatedFrom(DAY3);
        assertThat(titles(bobsDraftsOnDay3)).containsExactly("O'Reilly's \"quoted\" book");
        assertThat(count(bobsDraftsOnDay3)).isEqualTo(1);

        assertThat(titles(PostFilter.NONE.withSearch("paths").withAuthor(ann, "ann"))).isEmpty();
        assertThat(titles(PostFilter.NONE.withSearch("a").withPublished(PublishedFilter.DRAFTS)
                .withCreatedFrom(DAY2).withCreatedBefore(DAY3))).containsExactlyInAnyOrder("Sale: 50_off today",
                "Sale: 500 offers");
    }

    @Test
    void theDetailHasTheWholePostAndItsAuthor() {
        UUID id = tx.read(s -> posts.page(s, PostFilter.NONE.withSearch("Café"), PostSort.NEWEST_FIRST,
                new PageRequest.First(1), null)).rows().get(0).id();

        PostDetail detail = tx.read(s -> posts.detail(s, id)).orElseThrow();

        assertThat(detail.title()).isEqualTo("Café crème");
        assertThat(detail.content()).isEqualTo("Straße am Fluß");
        assertThat(detail.author()).isEqualTo("bob");
        assertThat(detail.authorId()).isEqualTo(bob);
        assertThat(detail.published()).isTrue();
        assertThat(detail.createdAt()).isEqualTo(DAY3);
        assertThat(detail.updatedAt()).isEqualTo(DAY3);
        Optional<PostDetail> missing = tx.read(s -> posts.detail(s, UUID.randomUUID()));
        assertThat(missing).isEmpty();
    }

    private List<String> titles(PostFilter filter) {
        return tx.read(s -> posts.page(s, filter, PostSort.NEWEST_FIRST, new PageRequest.First(100), null))
                .rows().stream().map(PostRow::title).toList();
    }

    private long count(PostFilter filter) {
        var counted = tx.read(s -> posts.count(s, filter, null));
        assertThat(counted.exact()).isTrue();
        var exact = tx.read(s -> posts.exactCount(s, filter, null));
        assertThat(exact.value()).isEqualTo(counted.value());
        return counted.value();
    }
}
