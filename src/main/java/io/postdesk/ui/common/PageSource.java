package io.postdesk.ui.common;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.RowCount;

/** One query (filter + sort fixed) that a {@link Pager} pages through and counts. */
public interface PageSource<R> {
    Page<R> page(PageRequest request, Cancellation cancellation);

    /** Exact when cheap, else an estimate; must be fast. */
    RowCount count(Cancellation cancellation);

    RowCount exactCount(Cancellation cancellation);
}
