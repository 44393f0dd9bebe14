package io.postdesk.bench;

import com.zaxxer.hikari.HikariDataSource;
import io.postdesk.config.DatabaseUrl;
import io.postdesk.config.PoolSettings;
import io.postdesk.db.ConnectionPool;
import io.postdesk.db.EmbeddedDatabase;
import io.postdesk.db.SessionFactories;
import io.postdesk.db.Transactions;
import io.postdesk.model.Cursor;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.PublishedFilter;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.service.PostService;
import io.postdesk.service.UserService;
import io.postdesk.store.PostStore;
import io.postdesk.store.UserStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.SessionFactory;

/**
 * Measures the browse queries on 1,000,000 posts and 100,000 users through the services, as
 * the screens call them, and prints a table: database time (planning + execution, summed from
 * pg_stat_statements for every statement of the call) and wall time of the service call, the
 * median of {@value #RUNS} warm runs. Not a test; run on demand:
 *
 * <pre>
 *   mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 *   java -cp target/classes:target/test-classes:$(cat target/bench.cp) io.postdesk.bench.BrowseBenchmark [folder] [--explain]
 * </pre>
 *
 * The first run generates the data into {@code target/bench-postgres} (or the folder given),
 * which takes about ten minutes; later runs reuse it. With {@code --explain}, the plans of
 * statements slower than 25 ms go to {@code <folder>/pgdata/log} (and the times grow).
 */
public final class BrowseBenchmark {
    private static final int RUNS = 7;
    private static final int SIZE = 50;

    private final PostService posts;
    private final UserService users;
    private final Connection monitor;
    private final List<String> table = new ArrayList<>();

    private BrowseBenchmark(PostService posts, UserService users, Connection monitor) {
        this.posts = posts;
        this.users = users;
        this.monitor = monitor;
    }

    public static void main(String[] args) throws Exception {
        boolean explain = List.of(args).contains("--explain");
        Path folder = Path.of(List.of(args).stream().filter(a -> !a.startsWith("--")).findFirst()
                .orElse("target/bench-postgres")).toAbsolutePath();
        try (EmbeddedDatabase server = BenchServer.start(folder, explain);
             HikariDataSource pool = ConnectionPool.create(server.url(), PoolSettings.DEFAULTS, false);
             SessionFactory hibernate = SessionFactories.create(pool);
             Connection monitor = BenchServer.connect(server.url())) {
            Transactions transactions = new Transactions(hibernate);
            PostStore postStore = new PostStore();
            UserStore userStore = new UserStore();
            new BrowseBenchmark(new PostService(transactions, postStore, userStore),
                    new UserService(transactions, userStore, postStore), monitor).run(server.url());
        }
    }

    private void run(DatabaseUrl url) throws SQLException {
        System.out.println("Database: " + url + ", " + scalar("SELECT count(*) FROM posts") + " posts, "
                + scalar("SELECT count(*) FROM users") + " users, PostgreSQL " + scalar("SHOW server_version"));
        postPages();
        postSearches();
        postCounts();
        userQueries();
        System.out.printf("%n| %-58s | %10s | %8s | %10s |%n", "scenario (page size " + SIZE + ")", "result",
                "db ms", "call ms");
        System.out.println("|" + "-".repeat(60) + "|" + "-".repeat(12) + "|" + "-".repeat(10) + "|" + "-".repeat(12) + "|");
        table.forEach(System.out::println);
        System.out.println("db ms: planning + execution of the call's statements (pg_stat_statements), call ms: the"
                + " service call as the UI makes it; medians of " + RUNS + " warm runs. A statement ended by the"
                + " count's time budget is not recorded by pg_stat_statements: see call ms.");
    }

    private void postPages() throws SQLException {
        PostSort newest = PostSort.NEWEST_FIRST;
        PostFilter all = PostFilter.NONE;
        page("posts: first page, newest first", all, newest, new PageRequest.First(SIZE));
        Cursor middle = cursorAt("SELECT p.created_at, p.id FROM posts p ORDER BY p.created_at DESC, p.id DESC");
        page("posts: Next from row 500,000, newest first", all, newest, new PageRequest.Next(SIZE, middle));
        page("posts: Previous from row 500,000, newest first", all, newest, new PageRequest.Previous(SIZE, middle));
        page("posts: Last page, newest first", all, newest, new PageRequest.Last(SIZE, SIZE));
        page("posts: go to page 10,000 (OFFSET 500,000)", all, newest, new PageRequest.At(SIZE, 10_000));
        page("posts: first page, oldest first", all, new PostSort(PostSort.Key.CREATED, true), new PageRequest.First(SIZE));
        page("posts: first page, recently updated", all, new PostSort(PostSort.Key.UPDATED, false),
                new PageRequest.First(SIZE));
        PostSort byTitle = new PostSort(PostSort.Key.TITLE, true);
        page("posts: first page by title", all, byTitle, new PageRequest.First(SIZE));
        Cursor titleMiddle = cursorAt("SELECT p.title, p.id FROM posts p ORDER BY p.title, p.id");
        page("posts: Next from row 500,000 by title", all, byTitle, new PageRequest.Next(SIZE, titleMiddle));
        PostSort byAuthor = new PostSort(PostSort.Key.AUTHOR, true);
        page("posts: first page by author", all, byAuthor, new PageRequest.First(SIZE));
        page("posts: first page by author, descending", all, new PostSort(PostSort.Key.AUTHOR, false),
                new PageRequest.First(SIZE));
        Cursor authorMiddle = cursorAt("SELECT u.username, p.id FROM posts p JOIN users u ON u.id = p.user_id"
                + " ORDER BY u.username, p.id");
        page("posts: Next from row 500,000 by author", all, byAuthor, new PageRequest.Next(SIZE, authorMiddle));
        page("posts: Last page by author", all, byAuthor, new PageRequest.Last(SIZE, SIZE));
        page("posts: first page by published state", all, new PostSort(PostSort.Key.PUBLISHED, false),
                new PageRequest.First(SIZE));
        page("posts: published only, first page", all.withPublished(PublishedFilter.PUBLISHED), newest,
                new PageRequest.First(SIZE));
        page("posts: drafts only, Last page", all.withPublished(PublishedFilter.DRAFTS), newest,
                new PageRequest.Last(SIZE, SIZE));
        UUID prolific = prolificWriter();
        page("posts: by the author with 5,000 posts, first page", all.withAuthor(prolific, "prolific_writer"),
                newest, new PageRequest.First(SIZE));
        page("posts: created in one week of 2025, first page", all.withCreatedFrom(Instant.parse("2025-03-01T00:00:00Z"))
                .withCreatedBefore(Instant.parse("2025-03-08T00:00:00Z")), newest, new PageRequest.First(SIZE));
        measure("users: posts of the author with 5,000 posts", () -> users.postsOf(prolific), list -> list.size() + " rows");
    }

    private void postSearches() {
        PostSort newest = PostSort.NEWEST_FIRST;
        // From rare to common: posts containing them 31, 5, 301, then made-up words of the
        // generated text in about 1,400, 3,000, 5,100, 10,000 and 22,600 posts, "database"
        // in 24,600, "the" in nearly all. Then text that is nowhere: two common words that
        // never meet, ASCII, Cyrillic (no trigrams on PostDesk's C ctype), two letters.
        for (String text : List.of("quokkafest", "50%_off", "marmoset", "jairdspyng", "streaqueam", "mathstex",
                "kessleeft", "courkzaim", "database", "the", "garden coffee", "Kirillitsa", "Кириллица", "zq")) {
            page("posts: search '" + text + "', first page", PostFilter.NONE.withSearch(text), newest,
                    new PageRequest.First(SIZE));
        }
        page("posts: search 'database' + published, by title", PostFilter.NONE.withSearch("database")
                .withPublished(PublishedFilter.PUBLISHED), new PostSort(PostSort.Key.TITLE, true), new PageRequest.First(SIZE));
        measure("posts: author type-ahead 'al'", () -> posts.authorsStartingWith("al", 10), list -> list.size() + " names");
        measure("posts: author type-ahead 'Ольга_1'", () -> posts.authorsStartingWith("ольга_1", 10),
                list -> list.size() + " names");
    }

    private void postCounts() throws SQLException {
        count("posts: count, no filter", PostFilter.NONE);
        count("posts: count, published", PostFilter.NONE.withPublished(PublishedFilter.PUBLISHED));
        count("posts: count, search 'quokkafest'", PostFilter.NONE.withSearch("quokkafest"));
        count("posts: count, search 'database'", PostFilter.NONE.withSearch("database"));
        count("posts: count, search 'marmoset'", PostFilter.NONE.withSearch("marmoset"));
        count("posts: count, search 'mathstex'", PostFilter.NONE.withSearch("mathstex"));
        count("posts: count, search 'the'", PostFilter.NONE.withSearch("the"));
        count("posts: count, author with 5,000 posts", PostFilter.NONE.withAuthor(prolificWriter(), "prolific_writer"));
        count("posts: count, one week", PostFilter.NONE.withCreatedFrom(Instant.parse("2025-03-01T00:00:00Z"))
                .withCreatedBefore(Instant.parse("2025-03-08T00:00:00Z")));
        measure("posts: exact count, no filter", () -> posts.exactCount(PostFilter.NONE, null), BrowseBenchmark::describe);
        measure("posts: exact count, search 'database'",
                () -> posts.exactCount(PostFilter.NONE.withSearch("database"), null), BrowseBenchmark::describe);
    }

    private void userQueries() throws SQLException {
        UserSort newest = UserSort.NEWEST_FIRST;
        measure("users: first page with post counts", () -> users.page(UserFilter.NONE, newest,
                new PageRequest.First(SIZE), null), BrowseBenchmark::describe);
        Cursor middle = cursorAt("SELECT u.username, u.id FROM users u ORDER BY u.username, u.id", 50_000);
        measure("users: Next from row 50,000 by username", () -> users.page(UserFilter.NONE,
                new UserSort(UserSort.Key.USERNAME, true), new PageRequest.Next(SIZE, middle), null), BrowseBenchmark::describe);
        measure("users: Last page by email", () -> users.page(UserFilter.NONE,
                new UserSort(UserSort.Key.EMAIL, true), new PageRequest.Last(SIZE, SIZE), null), BrowseBenchmark::describe);
        measure("users: search 'chen_12', first page", () -> users.page(UserFilter.NONE.withSearch("chen_12"), newest,
                new PageRequest.First(SIZE), null), BrowseBenchmark::describe);
        measure("users: search 'example', first page", () -> users.page(UserFilter.NONE.withSearch("example"), newest,
                new PageRequest.First(SIZE), null), BrowseBenchmark::describe);
        measure("users: count, no filter", () -> users.count(UserFilter.NONE, null), BrowseBenchmark::describe);
        measure("users: count, search 'chen_12'", () -> users.count(UserFilter.NONE.withSearch("chen_12"), null),
                BrowseBenchmark::describe);
    }

    private void page(String scenario, PostFilter filter, PostSort sort, PageRequest request) {
        measure(scenario, () -> posts.page(filter, sort, request, null), BrowseBenchmark::describe);
    }

    private void count(String scenario, PostFilter filter) {
        measure(scenario, () -> posts.count(filter, null), BrowseBenchmark::describe);
    }

    private <T> void measure(String scenario, Supplier<T> call, java.util.function.Function<T, String> describe) {
        try {
            T result = call.get(); // warm-up: caches, Hibernate's first use of a query
            double[] db = new double[RUNS];
            double[] wall = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                execute("SELECT pg_stat_statements_reset()");
                long start = System.nanoTime();
                result = call.get();
                wall[i] = (System.nanoTime() - start) / 1e6;
                db[i] = Double.parseDouble(scalar("SELECT coalesce(sum(total_exec_time + total_plan_time), 0)"
                        + " FROM pg_stat_statements WHERE query !~* 'pg_stat_statements'"));
            }
            String row = String.format("| %-58s | %10s | %8.1f | %10.1f |", scenario, describe.apply(result),
                    median(db), median(wall));
            System.out.println(row);
            table.add(row);
        } catch (RuntimeException | SQLException e) {
            String row = String.format("| %-58s | failed: %s", scenario, e);
            System.out.println(row);
            table.add(row);
        }
    }

    private static String describe(Object result) {
        if (result instanceof Page<?> page) {
            return page.rows().size() + " rows";
        }
        if (result instanceof RowCount count) {
            return (count.exact() ? "" : "≈") + count.value();
        }
        return result instanceof Collection<?> list ? list.size() + " rows" : String.valueOf(result);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private Cursor cursorAt(String orderedQuery) throws SQLException {
        return cursorAt(orderedQuery, 500_000);
    }

    /** The cursor of the row at a position, as a user who stepped there would hold it. */
    private Cursor cursorAt(String orderedQuery, long position) throws SQLException {
        try (Statement s = monitor.createStatement();
             ResultSet rs = s.executeQuery(orderedQuery + " OFFSET " + position + " LIMIT 1")) {
            rs.next();
            Object key = rs.getObject(1);
            Object value = key instanceof java.sql.Timestamp ? rs.getObject(1, OffsetDateTime.class).toInstant() : key;
            return new Cursor(value, rs.getObject(2, UUID.class));
        }
    }

    private UUID prolificWriter() throws SQLException {
        return UUID.fromString(scalar("SELECT id FROM users WHERE username = 'prolific_writer'"));
    }

    private String scalar(String sql) throws SQLException {
        try (Statement s = monitor.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = monitor.createStatement()) {
            s.execute(sql);
        }
    }
}
