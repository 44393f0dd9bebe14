package io.postdesk.model;

/** How many rows match: exact, or the planner's estimate (shown with "≈"). */
public record RowCount(long value, boolean exact) {
}
