package io.postdesk.bench;

import io.postdesk.model.Cursor;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.PublishedFilter;
import io.postdesk.model.RowCount;
import io.postdesk.model.UserPosts;
import io.postdesk.service.Workspace;
import io.postdesk.store.LikePatterns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The browsing scenarios, through the services exactly as the screens call them, each beside
 * what a generic tool runs for the same screen: OFFSET paging, {@code count(*)}, and ILIKE
 * with the trigram indexes unused.
 */
final class BrowseScenarios {
    private static final int SIZE = 50;
    /** Rows the users view loads at a time of the selected user's posts. */
    private static final int USER_POSTS_PAGE = 100;
    private static final String OFFSET_PAGE = "SELECT p.id, p.title, u.username, p.published, p.created_at, p.updated_at"
            + " FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.created_at DESC, p.id DESC LIMIT " + SIZE
            + " OFFSET ?";
    private static final String SEARCH = "SELECT p.id, p.title, u.username, p.published, p.created_at, p.updated_at"
            + " FROM posts p JOIN users u ON u.id = p.user_id WHERE (p.title ILIKE ? OR p.content ILIKE ?)%s"
            + " ORDER BY p.created_at DESC, p.id DESC LIMIT " + SIZE;

    private final Workspace workspace;
    private final Connection plain;
    private final Scenarios scenarios;

    BrowseScenarios(Workspace workspace, Connection plain, Scenarios scenarios) {
        this.workspace = workspace;
        this.plain = plain;
        this.scenarios = scenarios;
    }

    void run() throws SQLException {
        long posts = scalarLong("SELECT count(*) FROM posts");
        PostSort newest = PostSort.NEWEST_FIRST;
        Goal fast = Goal.p95Under(50);
        Row first = page("posts: first page", PostFilter.NONE, new PageRequest.First(SIZE), 0, fast);
        long deepRow = posts / 2;
        long pageNumber = Math.min(10_000, Math.max(1, posts / SIZE / 2));
        page("posts: go to page " + String.format("%,d", pageNumber), PostFilter.NONE,
                new PageRequest.At(SIZE, (int) pageNumber - 1), (pageNumber - 1) * SIZE, fast);
        page("posts: last page", PostFilter.NONE, new PageRequest.Last(SIZE, SIZE), Math.max(0, posts - SIZE), fast);
        Cursor deep = cursorAt(deepRow);
        Goal withinTwiceFirst = new Goal("p95 < 50 ms, within 2x of first page",
                row -> fast.met().test(row) && first.ours() != null && row.ours().p95() <= 2 * first.ours().p95());
        page("posts: next page from row " + String.format("%,d", deepRow), PostFilter.NONE,
                new PageRequest.Next(SIZE, deep), deepRow, withinTwiceFirst);

        scenarios.compare("posts: count shown with the page", Goal.p95Under(50),
                () -> describe(workspace.posts().count(PostFilter.NONE, null)),
                () -> scalarLong("SELECT count(*) FROM posts"));

        search("rare word 'quokkafest'", "quokkafest", false, Goal.p95Under(50).and(Goal.fasterThanBaseline(10)));
        search("rare word 'quokkafest', published only", "quokkafest", true,
                Goal.p95Under(50).and(Goal.fasterThanBaseline(10)));
        search("word in 301 posts 'marmoset'", "marmoset", false, Goal.p95Under(50).and(Goal.fasterThanBaseline(10)));
        search("common word 'database'", "database", false, Goal.p95Under(300));
        search("common word 'database', published only", "database", true, Goal.p95Under(300));
        search("common word 'the'", "the", false, Goal.p95Under(300));

        UUID prolific = UUID.fromString(scalarText("SELECT id FROM users WHERE username = 'prolific_writer'"));
        long prolificPosts = scalarLong("SELECT count(*) FROM posts WHERE user_id = '" + prolific + "'");
        // What the users view loads when the user is selected: the newest page and the counts.
        scenarios.measure("users: the user with " + String.format("%,d", prolificPosts) + " posts opened",
                Goal.p95Under(100), () -> describe(workspace.users().postsOf(prolific, USER_POSTS_PAGE, null)));
        long deepInTheirs = Math.max(0, prolificPosts - USER_POSTS_PAGE);
        Cursor theirs = userCursorAt(prolific, deepInTheirs);
        scenarios.measure("users: that user's posts scrolled to row " + String.format("%,d", deepInTheirs), Goal.p95Under(50),
                () -> describe(workspace.users().morePostsOf(prolific, USER_POSTS_PAGE, theirs, null)));
        scenarios.measure("users: first page with post counts", Goal.p95Under(50),
                () -> describe(workspace.users().page(io.postdesk.model.UserFilter.NONE,
                        io.postdesk.model.UserSort.NEWEST_FIRST, new PageRequest.First(SIZE), null)));
    }

    private Row page(String scenario, PostFilter filter, PageRequest request, long offset, Goal goal) {
        return scenarios.compare(scenario, goal,
                () -> describe(workspace.posts().page(filter, PostSort.NEWEST_FIRST, request, null)),
                () -> offsetPage(offset));
    }

    private void search(String what, String text, boolean publishedOnly, Goal goal) {
        PostFilter filter = PostFilter.NONE.withSearch(text);
        if (publishedOnly) {
            filter = filter.withPublished(PublishedFilter.PUBLISHED);
        }
        PostFilter chosen = filter;
        scenarios.compare("posts: search " + what + ", first page", goal,
                () -> describe(workspace.posts().page(chosen, PostSort.NEWEST_FIRST, new PageRequest.First(SIZE), null)),
                () -> unindexedSearch(text, publishedOnly));
    }

    private int offsetPage(long offset) throws SQLException {
        try (PreparedStatement s = plain.prepareStatement(OFFSET_PAGE)) {
            s.setLong(1, offset);
            return drain(s);
        }
    }

    /** The same ILIKE with the trigram indexes unused (they are only ever read by bitmap scans). */
    private int unindexedSearch(String text, boolean publishedOnly) throws SQLException {
        boolean autoCommit = plain.getAutoCommit();
        plain.setAutoCommit(false);
        try (Statement off = plain.createStatement();
             PreparedStatement s = plain.prepareStatement(String.format(SEARCH, publishedOnly ? " AND p.published" : ""))) {
            off.execute("SET LOCAL enable_bitmapscan = off");
            String pattern = LikePatterns.contains(text);
            s.setString(1, pattern);
            s.setString(2, pattern);
            return drain(s);
        } finally {
            plain.rollback();
            plain.setAutoCommit(autoCommit);
        }
    }

    private static int drain(PreparedStatement s) throws SQLException {
        int rows = 0;
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows++;
            }
        }
        return rows;
    }

    /** The cursor of the row at a position in newest-first order, as a user who paged there holds it. */
    private Cursor cursorAt(long position) throws SQLException {
        try (PreparedStatement s = plain.prepareStatement(
                "SELECT created_at, id FROM posts ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
            s.setLong(1, position);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new Cursor(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class));
            }
        }
    }

    /** The cursor of a user's post at a position, newest first: where a user who scrolled that far continues. */
    private Cursor userCursorAt(UUID user, long position) throws SQLException {
        try (PreparedStatement s = plain.prepareStatement("SELECT created_at, id FROM posts WHERE user_id = ?"
                + " ORDER BY created_at DESC, id DESC OFFSET ? LIMIT 1")) {
            s.setObject(1, user);
            s.setLong(2, position);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Cursor(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getObject(2, UUID.class));
            }
        }
    }

    private long scalarLong(String sql) throws SQLException {
        return Long.parseLong(scalarText(sql));
    }

    private String scalarText(String sql) throws SQLException {
        try (Statement s = plain.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String describe(Object result) {
        if (result instanceof Page<?> page) {
            return page.rows().size() + " rows";
        }
        if (result instanceof UserPosts posts) {
            return posts.newest().rows().size() + " of " + String.format("%,d", posts.total()) + " rows";
        }
        if (result instanceof RowCount count) {
            return (count.exact() ? "" : "≈ ") + String.format("%,d", count.value());
        }
        return result instanceof List<?> list ? list.size() + " rows" : String.valueOf(result);
    }
}
