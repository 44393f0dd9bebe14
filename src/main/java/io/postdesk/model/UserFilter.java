package io.postdesk.model;

import java.time.Instant;

/**
 * What the users view shows; null means "no filter".
 *
 * @param search        literal text the username or email contains, case-insensitive; % _ \ are not wildcards
 * @param createdFrom   created at or after (inclusive)
 * @param createdBefore created before (exclusive)
 */
public record UserFilter(String search, Instant createdFrom, Instant createdBefore) {
    public static final UserFilter NONE = new UserFilter(null, null, null);

    public UserFilter {
        search = search == null || search.isEmpty() ? null : search;
    }

    public UserFilter withSearch(String text) {
        return new UserFilter(text, createdFrom, createdBefore);
    }

    public UserFilter withCreatedFrom(Instant value) {
        return new UserFilter(search, value, createdBefore);
    }

    public UserFilter withCreatedBefore(Instant value) {
        return new UserFilter(search, createdFrom, value);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
