package io.postdesk.model;

/** The order of the users table; the user id breaks ties in the same direction. */
public record UserSort(Key key, boolean ascending) {
    public static final UserSort NEWEST_FIRST = new UserSort(Key.CREATED, false);

    public enum Key { USERNAME, EMAIL, CREATED, UPDATED }
}
