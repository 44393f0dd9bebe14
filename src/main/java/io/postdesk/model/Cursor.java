package io.postdesk.model;

import java.util.UUID;

/**
 * A row's position in a sorted result: its sort value and its id. Keyset paging continues
 * after (or before) a cursor, so stepping pages costs the same on page 1 and page 40,000.
 *
 * @param sortValue the row's value of the sort column (String, Instant or Boolean)
 */
public record Cursor(Object sortValue, UUID id) {
}
