package io.postdesk.model;

/**
 * What the connected role may do. When {@code readOnly}, nothing may be written and
 * {@code readOnlyReason} says why (--read-only, a standby server, a read-only session, a schema
 * from a newer PostDesk).
 */
public record Rights(boolean insertUsers, boolean updateUsers, boolean deleteUsers,
                     boolean insertPosts, boolean updatePosts, boolean deletePosts,
                     boolean readOnly, String readOnlyReason) {

    public static final Rights ALL = new Rights(true, true, true, true, true, true, false, null);

    /** Why an action on a table is not allowed, or null when it is. */
    public String whyNot(String action, boolean allowed, String table) {
        if (readOnly) {
            return "Read-only: " + readOnlyReason;
        }
        return allowed ? null : "Your database role may not " + action + " " + table + ".";
    }
}
