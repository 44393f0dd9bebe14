package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.db.Transactions;
import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostRow;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The users table: paging on every sort, search, the created filter, post counts, the type-ahead. */
class UserBrowseTest {
    private static final int GENERATED = 37;
    private static TestDatabase db;
    private static Transactions tx;
    private static BrowseData data;
    private static UUID writer;
    private final UserStore users = new UserStore();
    private final PostStore posts = new PostStore();

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        tx = db.transactions();
        data = new BrowseData(db);
        // Three creation times only, so paging by created runs across ties.
        for (int i = 0; i < GENERATED; i++) {
            data.user("user_" + i, "u" + (i % 9) + "." + i + "@example.org", BrowseData.T0.plus(Duration.ofDays(i % 3)));
        }
        writer = data.user("Émile", "emile@exämple.org", BrowseData.T0.plus(Duration.ofDays(10)));
        data.user("émilie", "EMILIE@EXAMPLE.ORG", BrowseData.T0.plus(Duration.ofDays(11)));
        data.user("user%special", "percent@example.org", BrowseData.T0.plus(Duration.ofDays(12)));
        data.user("userXspecial", "x@example.org", BrowseData.T0.plus(Duration.ofDays(13)));
        data.post(writer, "old draft", "c", false, BrowseData.T0);
        data.post(writer, "newest", "c", true, BrowseData.T0.plus(Duration.ofDays(3)));
        data.post(writer, "middle", "c", true, BrowseData.T0.plus(Duration.ofDays(2)));
        db.sql("UPDATE users SET updated_at = created_at + (length(email) % 4) * interval '1 hour'");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static Stream<UserSort> everySort() {
        return Arrays.stream(UserSort.Key.values())
                .flatMap(key -> Stream.of(new UserSort(key, true), new UserSort(key, false)));
    }

    @ParameterizedTest
    @MethodSource("everySort")
    void steppingForwardBackwardAndJumpingSeeEveryUserOnce(UserSort sort) {
        String column = switch (sort.key()) {
            case USERNAME -> "username";
            case EMAIL -> "email";
            case CREATED -> "created_at";
            case UPDATED -> "updated_at";
        };
        String direction = sort.ascending() ? "ASC" : "DESC";
        List<UUID> expected = data.ids("SELECT id FROM users ORDER BY " + column + " " + direction + ", id " + direction);

        for (int size : new int[] {7, 41, 100}) {
            new KeysetWalk<UserRow>(request -> tx.read(s -> users.page(s, UserFilter.NONE, sort, request, null)),
                    UserRow::id, size).matches(expected);
        }
    }

    @Test
    void searchLooksInUsernameAndEmailLiterallyIgnoringCase() {
        assertThat(usernames(UserFilter.NONE.withSearch("ÉMILE"))).containsExactlyInAnyOrder("Émile");
        assertThat(usernames(UserFilter.NONE.withSearch("émil"))).containsExactlyInAnyOrder("Émile", "émilie");
        assertThat(usernames(UserFilter.NONE.withSearch("exämple"))).containsExactly("Émile");
        assertThat(usernames(UserFilter.NONE.withSearch("emilie@"))).containsExactly("émilie");
        assertThat(usernames(UserFilter.NONE.withSearch("%special"))).containsExactly("user%special");
        assertThat(usernames(UserFilter.NONE.withSearch("r_1"))).containsExactlyInAnyOrder("user_1", "user_10",
                "user_11", "user_12", "user_13", "user_14", "user_15", "user_16", "user_17", "user_18", "user_19");
        assertThat(usernames(UserFilter.NONE.withSearch("u8.17@"))).containsExactly("user_17");
        assertThat(count(UserFilter.NONE.withSearch("%"))).isEqualTo(1);
    }

    @Test
    void createdFilterAndSearchCombine() {
        Instant day10 = BrowseData.T0.plus(Duration.ofDays(10));
        assertThat(usernames(UserFilter.NONE.withCreatedFrom(day10))).hasSize(4);
        assertThat(usernames(UserFilter.NONE.withCreatedFrom(day10).withCreatedBefore(day10.plus(Duration.ofDays(2)))))
                .containsExactly("émilie", "Émile");
        assertThat(usernames(UserFilter.NONE.withSearch("special").withCreatedBefore(day10.plus(Duration.ofDays(3)))))
                .containsExactly("user%special");
        assertThat(count(UserFilter.NONE.withCreatedBefore(BrowseData.T0.plus(Duration.ofDays(1))))).isEqualTo(13);
    }

    @Test
    void rowsCarryPublishedAndAllPostCounts() {
        UserRow emile = tx.read(s -> users.page(s, UserFilter.NONE.withSearch("Émile"), UserSort.NEWEST_FIRST,
                new PageRequest.First(10), null)).rows().get(0);
        UserRow other = tx.read(s -> users.page(s, UserFilter.NONE.withSearch("user_3"), UserSort.NEWEST_FIRST,
                new PageRequest.First(10), null)).rows().get(0);

        assertThat(emile.publishedPosts()).isEqualTo(2);
        assertThat(emile.allPosts()).isEqualTo(3);
        assertThat(emile.email()).isEqualTo("emile@exämple.org");
        assertThat(emile.createdAt()).isEqualTo(BrowseData.T0.plus(Duration.ofDays(10)));
        assertThat(other.allPosts()).isZero();
    }

    @Test
    void postsOfAUserPageNewestFirstWithTheirCounts() {
        Page<PostRow> first = tx.read(s -> posts.pageOfUser(s, writer, new PageRequest.First(2), null));
        Page<PostRow> rest = tx.read(s -> posts.pageOfUser(s, writer, new PageRequest.Next(2, first.last()), null));

        assertThat(first.rows()).extracting(PostRow::title).containsExactly("newest", "middle");
        assertThat(first.rows()).extracting(PostRow::author).containsOnly("Émile");
        assertThat(first.hasNext()).isTrue();
        assertThat(rest.rows()).extracting(PostRow::title).containsExactly("old draft");
        assertThat(rest.rows()).extracting(PostRow::published).containsExactly(false);
        assertThat(rest.hasNext()).isFalse();
        PostStore.AuthorCounts counts = tx.read(s -> posts.countsOfUser(s, writer, null));
        assertThat(counts).isEqualTo(new PostStore.AuthorCounts(3, 2));
        Page<PostRow> nobodys = tx.read(s -> posts.pageOfUser(s, UUID.randomUUID(), new PageRequest.First(2), null));
        assertThat(nobodys.rows()).isEmpty();
        assertThat(nobodys.hasNext()).isFalse();
    }

    @Test
    void authorTypeAheadMatchesThePrefixIgnoringCaseAndLiterally() {
        assertThat(suggest("ÉMI", 10)).containsExactly("Émile", "émilie");
        assertThat(suggest("émile", 10)).containsExactly("Émile");
        assertThat(suggest("USER_1", 3)).containsExactly("user_1", "user_10", "user_11");
        assertThat(suggest("user%", 10)).containsExactly("user%special");
        assertThat(suggest("user_s", 10)).isEmpty();
        assertThat(suggest("mile", 10)).isEmpty();
        assertThat(suggest("", 2)).containsExactly("user%special", "userXspecial");
        List<AuthorSuggestion> one = tx.read(s -> users.authorsStartingWith(s, "Émile", 1));
        assertThat(one).extracting(AuthorSuggestion::id).containsExactly(writer);
        assertThatThrownBy(() -> suggest("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> suggest(String prefix, int limit) {
        return tx.read(s -> users.authorsStartingWith(s, prefix, limit)).stream().map(AuthorSuggestion::username).toList();
    }

    private List<String> usernames(UserFilter filter) {
        return tx.read(s -> users.page(s, filter, UserSort.NEWEST_FIRST, new PageRequest.First(100), null))
                .rows().stream().map(UserRow::username).toList();
    }

    private long count(UserFilter filter) {
        var counted = tx.read(s -> users.count(s, filter, null));
        assertThat(counted.exact()).isTrue();
        assertThat(tx.read(s -> users.exactCount(s, filter, null)).value()).isEqualTo(counted.value());
        return counted.value();
    }
}
