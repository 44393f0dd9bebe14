package io.postdesk.model;

import java.time.Instant;
import java.util.UUID;

/**
 * What the posts view shows: every part is optional (null or ALL means "no filter").
 *
 * @param search        literal text the title or content contains, case-insensitive; % _ \ are not wildcards
 * @param published     published / drafts / all
 * @param authorId      only posts by this user
 * @param authorName    the author's username, for display of the active filter only
 * @param createdFrom   created at or after this instant (inclusive)
 * @param createdBefore created before this instant (exclusive)
 */
public record PostFilter(String search, PublishedFilter published, UUID authorId, String authorName,
                         Instant createdFrom, Instant createdBefore) {
    public static final PostFilter NONE = new PostFilter(null, PublishedFilter.ALL, null, null, null, null);

    public PostFilter {
        search = search == null || search.isEmpty() ? null : search;
        published = published == null ? PublishedFilter.ALL : published;
    }

    public PostFilter withSearch(String text) {
        return new PostFilter(text, published, authorId, authorName, createdFrom, createdBefore);
    }

    public PostFilter withPublished(PublishedFilter value) {
        return new PostFilter(search, value, authorId, authorName, createdFrom, createdBefore);
    }

    public PostFilter withAuthor(UUID id, String name) {
        return new PostFilter(search, published, id, id == null ? null : name, createdFrom, createdBefore);
    }

    public PostFilter withCreatedFrom(Instant value) {
        return new PostFilter(search, published, authorId, authorName, value, createdBefore);
    }

    public PostFilter withCreatedBefore(Instant value) {
        return new PostFilter(search, published, authorId, authorName, createdFrom, value);
    }

    public boolean isEmpty() {
        return equals(NONE);
    }
}
