package io.postdesk.service;

import io.postdesk.model.ChangeCursor;

/** The changes after a cursor were pruned (the reader was away longer than the retention): read again from the tables. */
public final class CursorExpiredException extends RuntimeException {
    public CursorExpiredException(ChangeCursor cursor, long prunedThrough) {
        super("The changes after " + cursor + " are no longer kept (pruned through position " + prunedThrough
                + "): start again without a cursor.");
    }
}
