package io.postdesk.store;

import io.postdesk.model.UserFilter;
import java.util.ArrayList;
import java.util.List;

/** The WHERE conditions of a {@link UserFilter} on {@code users u}, shared by pages, counts and export. */
final class UserConditions {
    static final String USERS = "users u";

    private UserConditions() {
    }

    static List<Sql> of(UserFilter filter) {
        List<Sql> conditions = new ArrayList<>();
        if (filter.search() != null) {
            String pattern = LikePatterns.contains(filter.search());
            conditions.add(Sql.of("(u.username ILIKE ? ESCAPE '\\' OR u.email ILIKE ? ESCAPE '\\')", pattern, pattern));
        }
        if (filter.createdFrom() != null) {
            conditions.add(Sql.of("u.created_at >= ?", filter.createdFrom()));
        }
        if (filter.createdBefore() != null) {
            conditions.add(Sql.of("u.created_at < ?", filter.createdBefore()));
        }
        return conditions;
    }
}
