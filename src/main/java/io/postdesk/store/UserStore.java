package io.postdesk.store;

import io.postdesk.model.AuthorSuggestion;
import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.Post;
import io.postdesk.model.RowCount;
import io.postdesk.model.User;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserSort;
import io.postdesk.model.UserWithPosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Queries on {@code users}. Callers own the transaction (see {@code db.Transactions}). */
public final class UserStore {
    static final int MAX_SUGGESTIONS = 100;
    /**
     * The post counts are subqueries in the select list: PostgreSQL evaluates such costly
     * columns after ORDER BY and LIMIT, so only for the rows of the page (the count of all posts an
     * index-only scan of posts_user_created_at_id; the published ones read the users' rows, since
     * V5 no index holds published).
     */
    private static final String ROW_COLUMNS = "u.id, u.username, u.email, u.created_at, u.updated_at,"
            + " (SELECT count(*) FROM posts p WHERE p.user_id = u.id AND p.published) AS published_posts,"
            + " (SELECT count(*) FROM posts p WHERE p.user_id = u.id) AS all_posts";

    private final RowCounter counter;

    public UserStore() {
        this(new RowCounter());
    }

    UserStore(RowCounter counter) {
        this.counter = counter;
    }

    public User create(Session session, String username, String email, String passwordHash) {
        User user = new User(username, email, passwordHash);
        session.persist(user);
        session.flush(); // the INSERT runs now, so constraint errors surface here and timestamps are read back
        return user;
    }

    public Optional<User> findById(Session session, UUID id) {
        return Optional.ofNullable(session.find(User.class, id));
    }

    /** Email addresses are compared ignoring case, as people type them. */
    public Optional<User> findByEmail(Session session, String email) {
        return session.createSelectionQuery("from User u where lower(u.email) = lower(:email)", User.class)
                .setParameter("email", email)
                .uniqueResultOptional();
    }

    public User updateUsername(Session session, UUID id, String username) {
        User user = findById(session, id).orElseThrow(() -> new NoSuchRecordException("user", id));
        user.setUsername(username);
        session.flush();
        return user;
    }

    /** Deletes the user; the database's ON DELETE CASCADE removes their posts with them. */
    public boolean delete(Session session, UUID id) {
        return session.createMutationQuery("delete from User u where u.id = :id")
                .setParameter("id", id)
                .executeUpdate() == 1;
    }

    /** The user with their published posts, newest first (the blog's profile page). */
    public Optional<UserWithPosts> withPublishedPosts(Session session, UUID id) {
        return findById(session, id).map(user -> new UserWithPosts(user, session.createSelectionQuery(
                        "from Post p join fetch p.author where p.author.id = :id and p.published"
                                + " order by p.createdAt desc, p.id desc", Post.class)
                .setParameter("id", id)
                .getResultList()));
    }

    /** The newest users with their post counts, one query. */
    public List<UserRow> firstPage(Session session, int limit) {
        return session.createSelectionQuery("""
                        select new io.postdesk.model.UserRow(u.id, u.username, u.email, u.createdAt, u.updatedAt,
                            (select count(*) from Post p where p.author = u and p.published),
                            (select count(*) from Post p where p.author = u))
                        from User u order by u.createdAt desc, u.id desc""", UserRow.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /** One page of the users matching the filter, with their post counts, sorted in the database. */
    public Page<UserRow> page(Session session, UserFilter filter, UserSort sort, PageRequest request,
                              Cancellation cancellation) {
        return session.doReturningWork(connection -> page(connection, filter, sort, request, cancellation));
    }

    /** As {@link #page(Session, UserFilter, UserSort, PageRequest, Cancellation)}, on a plain JDBC transaction. */
    public Page<UserRow> page(java.sql.Connection connection, UserFilter filter, UserSort sort, PageRequest request,
                              Cancellation cancellation) throws java.sql.SQLException {
        KeysetPager.Source<UserRow> source = new KeysetPager.Source<>(ROW_COLUMNS, UserConditions.USERS,
                UserConditions.USERS, UserConditions.of(filter), "u.id", rows -> new UserRow(rows.getObject("id", UUID.class),
                rows.getString("username"), rows.getString("email"), ResultColumns.instant(rows, "created_at"),
                ResultColumns.instant(rows, "updated_at"), rows.getLong("published_posts"), rows.getLong("all_posts")));
        return new KeysetPager<>(connection, source, sortColumn(sort), cancellation).page(request);
    }

    /** Exact when cheap, else the planner's estimate; the same conditions as {@link #page}. */
    public RowCount count(Session session, UserFilter filter, Cancellation cancellation) {
        return counter.count(session, UserConditions.USERS, UserConditions.of(filter), cancellation);
    }

    public RowCount count(java.sql.Connection connection, UserFilter filter, Cancellation cancellation)
            throws java.sql.SQLException {
        return counter.count(connection, UserConditions.USERS, UserConditions.of(filter), cancellation);
    }

    public RowCount exactCount(Session session, UserFilter filter, Cancellation cancellation) {
        return counter.exactCount(session, UserConditions.USERS, UserConditions.of(filter), cancellation);
    }

    public RowCount exactCount(java.sql.Connection connection, UserFilter filter, Cancellation cancellation)
            throws java.sql.SQLException {
        return counter.exactCount(connection, UserConditions.USERS, UserConditions.of(filter), cancellation);
    }

    /**
     * Usernames that begin with the prefix, ignoring case, the prefix taken literally. lower() on
     * both sides is the database's own case mapping (Unicode-aware), and the constant pattern lets
     * the planner use the lower(username) prefix index.
     */
    public List<AuthorSuggestion> authorsStartingWith(Session session, String prefix, int limit) {
        if (limit < 1 || limit > MAX_SUGGESTIONS) {
            throw new IllegalArgumentException("Between 1 and " + MAX_SUGGESTIONS + " suggestions, not " + limit);
        }
        Sql sql = Sql.of("SELECT id, username FROM users WHERE lower(username) LIKE lower(?) ESCAPE '\\'"
                + " ORDER BY username, id LIMIT ?", LikePatterns.startsWith(prefix == null ? "" : prefix), limit);
        return CancellableQueries.query(session, sql, null, rows -> {
            List<AuthorSuggestion> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new AuthorSuggestion(rows.getObject("id", UUID.class), rows.getString("username")));
            }
            return found;
        });
    }

    /**
     * Users whose username or email is exactly the text: the username with its case first, then
     * either one ignoring case (at most a few; usernames are unique only with their case).
     */
    public List<AuthorSuggestion> authorsNamed(Session session, String text) {
        Sql sql = Sql.of("SELECT id, username FROM users WHERE username = ? OR lower(username) = lower(?)"
                + " OR lower(email) = lower(?) ORDER BY username = ? DESC, username, id LIMIT 5",
                text, text, text, text);
        return CancellableQueries.query(session, sql, null, rows -> {
            List<AuthorSuggestion> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new AuthorSuggestion(rows.getObject("id", UUID.class), rows.getString("username")));
            }
            return found;
        });
    }

    static SortColumn sortColumn(UserSort sort) {
        return switch (sort.key()) {
            case USERNAME -> new SortColumn("u.username", SortColumn.Type.TEXT, sort.ascending());
            case EMAIL -> new SortColumn("u.email", SortColumn.Type.TEXT, sort.ascending());
            case CREATED -> new SortColumn("u.created_at", SortColumn.Type.TIMESTAMP, sort.ascending());
            case UPDATED -> new SortColumn("u.updated_at", SortColumn.Type.TIMESTAMP, sort.ascending());
        };
    }
}
