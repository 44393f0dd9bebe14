package io.postdesk.model;

/** Which page to load. Stepping uses keyset cursors; only a jump to a page number uses OFFSET. */
public sealed interface PageRequest {
    int size();

    /** The first page. */
    record First(int size) implements PageRequest {
    }

    /** The page after the row at {@code after} (the last row of the current page). */
    record Next(int size, Cursor after) implements PageRequest {
    }

    /** The page before the row at {@code before} (the first row of the current page). */
    record Previous(int size, Cursor before) implements PageRequest {
    }

    /**
     * The last page, with {@code rows} rows on it (total mod size when the total is exact,
     * so page boundaries match stepping forward; otherwise the size).
     */
    record Last(int size, int rows) implements PageRequest {
    }

    /** Page number {@code index} (0-based), by OFFSET: for "go to page", not for stepping. */
    record At(int size, long index) implements PageRequest {
    }
}
