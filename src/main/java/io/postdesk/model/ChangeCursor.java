package io.postdesk.model;

/**
 * A place in the change feed: after the change {@code changeId} of the transaction committed at
 * {@code position}. Positions follow commit order; within a transaction, changes follow the order
 * its statements made them. Written as {@code position-changeId}, e.g. {@code 42-1017}.
 */
public record ChangeCursor(long position, long changeId) implements Comparable<ChangeCursor> {
    /** Before every change. */
    public static final ChangeCursor START = new ChangeCursor(0, 0);

    public ChangeCursor {
        if (position < 0 || changeId < 0) {
            throw new IllegalArgumentException("A change cursor has no negative parts");
        }
    }

    /** Reads {@code position-changeId}; the message says what a cursor looks like. */
    public static ChangeCursor parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("-", -1);
        try {
            if (parts.length == 2) {
                return new ChangeCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException e) {
            // the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a change cursor: it looks like 42-1017"
                + " (the cursor of a line printed by 'postdesk changes').");
    }

    @Override
    public int compareTo(ChangeCursor other) {
        int byPosition = Long.compare(position, other.position);
        return byPosition != 0 ? byPosition : Long.compare(changeId, other.changeId);
    }

    @Override
    public String toString() {
        return position + "-" + changeId;
    }
}
