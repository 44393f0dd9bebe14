package io.postdesk.store;

import io.postdesk.model.PostFilter;
import io.postdesk.model.PublishedFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE conditions of a {@link PostFilter} on {@code posts p}: the one place that decides
 * which posts match, shared by the pages, the counts and the export, so they always agree.
 */
final class PostConditions {
    /** Posts in the browse queries are {@code p}; their author, where joined, is {@code u}. */
    static final String POSTS = "posts p";

    private PostConditions() {
    }

    static List<Sql> of(PostFilter filter) {
        List<Sql> conditions = new ArrayList<>();
        if (filter.search() != null) {
            String pattern = LikePatterns.contains(filter.search());
            conditions.add(Sql.of("(p.title ILIKE ? ESCAPE '\\' OR p.content ILIKE ? ESCAPE '\\')", pattern, pattern));
        }
        if (filter.published() != PublishedFilter.ALL) {
            conditions.add(Sql.of("p.published = ?", filter.published() == PublishedFilter.PUBLISHED));
        }
        if (filter.authorId() != null) {
            conditions.add(Sql.of("p.user_id = ?", filter.authorId()));
        }
        if (filter.createdFrom() != null) {
            conditions.add(Sql.of("p.created_at >= ?", filter.createdFrom()));
        }
        if (filter.createdBefore() != null) {
            conditions.add(Sql.of("p.created_at < ?", filter.createdBefore()));
        }
        return conditions;
    }
}
