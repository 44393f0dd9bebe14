package io.postdesk.model;

/**
 * What the users view shows when a user is selected: their newest posts (a keyset page, so the
 * rest loads as the list is scrolled) and how many posts they have, published and drafts.
 *
 * @param newest    the first page of their posts, drafts included, newest first
 * @param total     all their posts
 * @param published how many of them are published
 */
public record UserPosts(Page<PostRow> newest, long total, long published) {
    public long drafts() {
        return total - published;
    }
}
