package io.postdesk.model;

import java.util.List;

/**
 * One page of rows in display order, with the cursors to step from it.
 *
 * @param first   cursor of the first row (null when empty)
 * @param last    cursor of the last row (null when empty)
 * @param hasNext whether rows exist after the last one
 * @param hasPrevious whether rows exist before the first one
 */
public record Page<R>(List<R> rows, Cursor first, Cursor last, boolean hasPrevious, boolean hasNext) {
    public Page {
        rows = List.copyOf(rows);
    }
}
