package io.postdesk.store;

import io.postdesk.model.Post;
import io.postdesk.model.PostRow;
import io.postdesk.model.User;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;

/** Queries on {@code posts}. Every post returned has its author loaded. */
public final class PostStore {

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

    /** The newest posts as table rows, one query. */
    public List<PostRow> firstPage(Session session, int limit) {
        return session.createSelectionQuery("""
                        select new io.postdesk.model.PostRow(p.id, p.title, a.username, p.published, p.createdAt,
                            p.updatedAt)
                        from Post p join p.author a order by p.createdAt desc, p.id desc""", PostRow.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
