package io.postdesk.store;

import io.postdesk.model.Post;
import io.postdesk.model.User;
import io.postdesk.model.UserRow;
import io.postdesk.model.UserWithPosts;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/** Queries on {@code users}. Callers own the transaction (see {@code db.Transactions}). */
public final class UserStore {

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
}
