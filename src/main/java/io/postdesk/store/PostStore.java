package io.postdesk.store;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.Post;
import io.postdesk.model.PostDetail;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostRow;
import io.postdesk.model.PostSort;
import io.postdesk.model.RowCount;
import io.postdesk.model.User;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Queries on {@code posts}. Every post returned has its author loaded. */
public final class PostStore {
    private static final String WITH_AUTHOR = PostConditions.POSTS + " JOIN users u ON u.id = p.user_id";
    private static final String ROW_COLUMNS = "p.id, p.title, u.username, p.published, p.created_at, p.updated_at";
    private static final DayCounts DAY_COUNTS = new DayCounts();

    /** How many posts an author has, and how many of them are published. */
    public record AuthorCounts(long total, long published) {
    }

    private final RowCounter counter;

    public PostStore() {
        this(new RowCounter());
    }

    PostStore(RowCounter counter) {
        this.counter = counter;
    }

    public Post create(Session session, UUID authorId, String title, String content, boolean published) {
        User author = session.find(User.class, authorId);
        if (author == null) {
            throw new NoSuchRecordException("user", authorId);
        }
        Post post = new Post(author, title, content, published);
        session.persist(post);
        session.flush();
        return post;
    }

    /** All posts of a user, drafts included, newest first. */
    public List<Post> ofUser(Session session, UUID authorId) {
        return session.createSelectionQuery(
                        "from Post p join fetch p.author where p.author.id = :id order by p.createdAt desc, p.id desc",
                        Post.class)
                .setParameter("id", authorId)
                .getResultList();
    }

    /**
     * One page of a user's posts as table rows, drafts included, newest first: a keyset step on
     * {@code posts_user_created_at_id}, so the page after row 4,900 costs what the first one does.
     */
    public Page<PostRow> pageOfUser(Session session, UUID authorId, PageRequest request, Cancellation cancellation) {
        return page(session, PostFilter.NONE.withAuthor(authorId, null), PostSort.NEWEST_FIRST, request, cancellation);
    }

    /**
     * How many posts the user has, and how many of them are published: the first from the user_id
     * index alone, the second reads the user's rows (no index holds published, so that publishing
     * stays a HOT update).
     */
    public AuthorCounts countsOfUser(Session session, UUID authorId, Cancellation cancellation) {
        Sql sql = Sql.of("SELECT count(*) AS total, count(*) FILTER (WHERE published) AS published"
                + " FROM posts WHERE user_id = ?", authorId);
        return CancellableQueries.query(session, sql, cancellation, rows -> {
            rows.next();
            return new AuthorCounts(rows.getLong("total"), rows.getLong("published"));
        });
    }

    /** The newest posts as table rows, one query. */
    public List<PostRow> firstPage(Session session, int limit) {
        return session.createSelectionQuery("""
                        select new io.postdesk.model.PostRow(p.id, p.title, a.username, p.published, p.createdAt,
                            p.updatedAt)
                        from Post p join p.author a order by p.createdAt desc, p.id desc""", PostRow.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** One page of the posts matching the filter, sorted in the database with the id as tie-breaker. */
    public Page<PostRow> page(Session session, PostFilter filter, PostSort sort, PageRequest request,
                              Cancellation cancellation) {
        return session.doReturningWork(connection -> page(connection, filter, sort, request, cancellation));
    }

    /** As {@link #page(Session, PostFilter, PostSort, PageRequest, Cancellation)}, on a plain JDBC transaction. */
    public Page<PostRow> page(java.sql.Connection connection, PostFilter filter, PostSort sort, PageRequest request,
                              Cancellation cancellation) throws java.sql.SQLException {
        // The author's name is needed to find rows only when sorting by it.
        String keyFrom = sort.key() == PostSort.Key.AUTHOR ? WITH_AUTHOR : PostConditions.POSTS;
        // All posts by creation time: a jump finds its page from the day counts (V6).
        KeysetPager.Positions positions = filter.isEmpty() && sort.key() == PostSort.Key.CREATED ? DAY_COUNTS : null;
        KeysetPager.Source<PostRow> source = new KeysetPager.Source<>(ROW_COLUMNS, WITH_AUTHOR, keyFrom,
                PostConditions.of(filter), "p.id", rows -> new PostRow(rows.getObject("id", UUID.class),
                rows.getString("title"), rows.getString("username"), rows.getBoolean("published"),
                ResultColumns.instant(rows, "created_at"), ResultColumns.instant(rows, "updated_at")), positions);
        return new KeysetPager<>(connection, source, sortColumn(sort), cancellation).page(request);
    }

    /**
     * Makes the transaction on {@code connection} give up on a lock after {@code millis} instead of
     * waiting: for work nobody waits on (the first page read ahead at start), which must not hold up
     * the database's opening behind a locked table; the view's own load meets such a lock and says so.
     */
    public void waitForLocksAtMost(java.sql.Connection connection, long millis) throws java.sql.SQLException {
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = " + Math.max(1, millis)); // a number, never user text
        }
    }

    /** Exact when cheap, else the planner's estimate; the same conditions as {@link #page}. */
    public RowCount count(Session session, PostFilter filter, Cancellation cancellation) {
        return counter.count(session, PostConditions.POSTS, PostConditions.of(filter), cancellation);
    }

    public RowCount count(java.sql.Connection connection, PostFilter filter, Cancellation cancellation)
            throws java.sql.SQLException {
        return counter.count(connection, PostConditions.POSTS, PostConditions.of(filter), cancellation);
    }

    public RowCount exactCount(Session session, PostFilter filter, Cancellation cancellation) {
        return counter.exactCount(session, PostConditions.POSTS, PostConditions.of(filter), cancellation);
    }

    public RowCount exactCount(java.sql.Connection connection, PostFilter filter, Cancellation cancellation)
            throws java.sql.SQLException {
        return counter.exactCount(connection, PostConditions.POSTS, PostConditions.of(filter), cancellation);
    }

    public Optional<PostDetail> detail(Session session, UUID postId) {
        return session.createSelectionQuery("""
                        select new io.postdesk.model.PostDetail(p.id, p.title, p.content, a.id, a.username, p.published,
                            p.createdAt, p.updatedAt)
                        from Post p join p.author a where p.id = :id""", PostDetail.class)
                .setParameter("id", postId)
                .uniqueResultOptional();
    }

    static SortColumn sortColumn(PostSort sort) {
        return switch (sort.key()) {
            case TITLE -> new SortColumn("p.title", SortColumn.Type.TEXT, sort.ascending());
            // Authors sort by name, so the key lives in users: see KeysetPager.seek.
            case AUTHOR -> new SortColumn("u.username", SortColumn.Type.TEXT, sort.ascending());
            case PUBLISHED -> new SortColumn("p.published", SortColumn.Type.BOOLEAN, sort.ascending());
            case CREATED -> new SortColumn("p.created_at", SortColumn.Type.TIMESTAMP, sort.ascending());
            case UPDATED -> new SortColumn("p.updated_at", SortColumn.Type.TIMESTAMP, sort.ascending());
        };
    }
}
