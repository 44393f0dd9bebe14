package io.postdesk.model;

/** The order of the posts table; the post id breaks ties in the same direction, so the order is total. */
public record PostSort(Key key, boolean ascending) {
    public static final PostSort NEWEST_FIRST = new PostSort(Key.CREATED, false);

    public enum Key { TITLE, AUTHOR, PUBLISHED, CREATED, UPDATED }
}
