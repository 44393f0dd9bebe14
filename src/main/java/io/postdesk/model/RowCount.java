package io.postdesk.model;

/**
 * How many rows match: exact, the planner's estimate (shown with "≈"), or a lower bound when
 * counting stopped at a limit (shown as "at least").
 */
public record RowCount(long value, boolean exact, boolean lowerBound) {
    public RowCount(long value, boolean exact) {
        this(value, exact, false);
    }

    public static RowCount exactly(long value) {
        return new RowCount(value, true, false);
    }

    public static RowCount estimated(long value) {
        return new RowCount(value, false, false);
    }

    /** Counting stopped after {@code value} rows: there are that many or more. */
    public static RowCount atLeast(long value) {
        return new RowCount(value, false, true);
    }

    /**
     * Never less than what is already known to exist ({@code known} rows): an estimate or bound
     * below it becomes "at least {@code known}"; an exact count is returned as it is.
     */
    public RowCount atLeastKnown(long known) {
        return exact || value >= known ? this : atLeast(known);
    }
}
