package io.postdesk.ui.common;

import io.postdesk.model.Cancellation;
import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import io.postdesk.model.RowCount;
import java.util.function.Consumer;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * Paging state for one table: which page is shown, the cursors to step from it, and the
 * count. The page and the count load as separate tasks, so a slow count never holds the rows
 * back; a newer request cancels the older one down to its SQL statement. FX thread only.
 */
public final class Pager<R> {
    public static final int[] PAGE_SIZES = {25, 50, 100};

    private final Tasks tasks;
    private final String what;
    private final Consumer<Page<R>> onPage;
    private final Consumer<String> onError;
    public static final int DEFAULT_PAGE_SIZE = 50;
    private final IntegerProperty pageSize = new SimpleIntegerProperty(DEFAULT_PAGE_SIZE);
    private final ReadOnlyLongWrapper pageIndex = new ReadOnlyLongWrapper(0);
    private final ReadOnlyObjectWrapper<RowCount> total = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper counting = new ReadOnlyBooleanWrapper();
    private PageSource<R> source;
    /** The count as the database gave it; {@link #total} never shows less than the rows seen. */
    private RowCount counted;
    private Page<R> current;
    private PageRequest lastRequest;
    private Cancellation pageCancellation = new Cancellation();
    private Cancellation countCancellation = new Cancellation();
    private WaitDisplay waitDisplay;

    /**
     * @param onPage  gets each loaded page (FX thread)
     * @param onError gets a readable message when a page fails
     */
    public Pager(Tasks tasks, String what, Consumer<Page<R>> onPage, Consumer<String> onError) {
        this.tasks = tasks;
        this.what = what;
        this.onPage = onPage;
        this.onError = onError;
        pageSize.addListener((obs, old, size) -> {
            if (source != null) {
                first();
            }
        });
    }

    /**
     * Where a page load that waits for a lock says so, with Cancel; a Cancel there also stops
     * the count, which waits for the same lock.
     */
    public void showWaitsIn(WaitDisplay display) {
        this.waitDisplay = display;
    }

    /** A new query (new filter or sort): back to page 1, counted afresh. */
    public void show(PageSource<R> newSource) {
        source = newSource;
        countCancellation.cancel();
        counted = null;
        current = null;
        total.set(null);
        load(new PageRequest.First(pageSize.get()), 0);
        count(false);
    }

    /** Starts the query again from page 1 (after a failure). */
    public void refresh() {
        if (source != null) {
            show(source);
        }
    }

    /** True once a query is set (a workspace is open). */
    public boolean hasSource() {
        return source != null;
    }

    public void first() {
        load(new PageRequest.First(pageSize.get()), 0);
    }

    public void next() {
        if (current != null && current.hasNext()) {
            load(new PageRequest.Next(pageSize.get(), current.last()), pageIndex.get() + 1);
        }
    }

    public void previous() {
        if (current != null && current.hasPrevious() && pageIndex.get() > 0) {
            load(new PageRequest.Previous(pageSize.get(), current.first()), pageIndex.get() - 1);
        } else if (current != null && current.hasPrevious()) {
            first();
        }
    }

    /** The last page; with an exact total its boundaries match stepping forward from page 1. */
    public void last() {
        RowCount count = total.get();
        int size = pageSize.get();
        if (count == null || count.value() == 0) {
            load(new PageRequest.Last(size, size), Math.max(0, pageCount() - 1));
            return;
        }
        long pages = pageCount();
        int rows = count.exact() ? (int) (count.value() - (pages - 1) * size) : size;
        load(new PageRequest.Last(size, rows), pages - 1);
    }

    /**
     * Jumps to page {@code number} (1-based); uses OFFSET, so it is for jumps, not for stepping.
     * Beyond a known last page it goes to the last page.
     */
    public void goTo(long number) {
        RowCount count = total.get();
        long limit = count != null && count.exact() ? pageCount() : Long.MAX_VALUE;
        long index = Math.max(0, Math.min(number, limit) - 1);
        load(new PageRequest.At(pageSize.get(), index), index);
    }

    /** Replaces an estimate with the exact number. */
    public void countExactly() {
        count(true);
    }

    /** Whether the page count is known exactly (the total is exact). */
    public boolean pageCountExact() {
        return total.get() != null && total.get().exact();
    }

    /** Pages at the current size; at least 1. */
    public long pageCount() {
        RowCount count = total.get();
        if (count == null) {
            return Math.max(1, pageIndex.get() + 1);
        }
        return Math.max(1, (count.value() + pageSize.get() - 1) / pageSize.get());
    }

    public void cancel() {
        pageCancellation.cancel();
        countCancellation.cancel();
    }

    /** Loads the page on screen again, where it is (after an edit), and recounts. */
    public void reloadCurrent() {
        if (source != null && lastRequest != null) {
            load(lastRequest, pageIndex.get());
            count(false);
        }
    }

    private void load(PageRequest request, long index) {
        if (source == null) {
            return;
        }
        lastRequest = request;
        pageCancellation.cancel();
        Cancellation cancellation = new Cancellation();
        pageCancellation = cancellation;
        PageSource<R> query = source;
        loading.set(true);
        tasks.run("Loading " + what, () -> query.page(request, cancellation))
                .showWaitsIn(waitDisplay == null ? null : new WaitDisplay() {
                    @Override
                    public void showWait(String text, Runnable cancel) {
                        waitDisplay.showWait(text, cancel == null ? null : () -> {
                            countCancellation.cancel();
                            counting.set(false);
                            cancel.run();
                        });
                    }

                    @Override
                    public void hideWait() {
                        waitDisplay.hideWait();
                    }
                })
                .onSuccess(page -> {
                    if (cancellation.isCancelled()) {
                        return;
                    }
                    loading.set(false);
                    current = page;
                    pageIndex.set(index);
                    hasNext.set(page.hasNext());
                    hasPrevious.set(page.hasPrevious());
                    showTotal();
                    onPage.accept(page);
                })
                .onError(message -> {
                    if (!cancellation.isCancelled()) {
                        loading.set(false);
                        onError.accept(message);
                    }
                })
                .start();
    }

    private void count(boolean exact) {
        countCancellation.cancel();
        Cancellation cancellation = new Cancellation();
        countCancellation = cancellation;
        PageSource<R> query = source;
        counting.set(true);
        tasks.run("Counting " + what, () -> exact ? query.exactCount(cancellation) : query.count(cancellation))
                .onSuccess(count -> {
                    if (!cancellation.isCancelled()) {
                        counted = count;
                        counting.set(false);
                        showTotal();
                    }
                })
                .onError(message -> {
                    if (!cancellation.isCancelled()) {
                        counting.set(false);
                    }
                })
                .start();
    }

    /**
     * The count, but never less than the rows known to exist: those before and on this page, and
     * one more when there is a next page. An estimate of 1 with a full page and a next page on
     * screen reads "at least 51", not "≈ 1".
     */
    private void showTotal() {
        if (counted == null) {
            total.set(null);
            return;
        }
        long known = current == null ? 0
                : pageIndex.get() * pageSize.get() + current.rows().size() + (current.hasNext() ? 1 : 0);
        total.set(counted.atLeastKnown(known));
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    public ReadOnlyLongProperty pageIndexProperty() {
        return pageIndex.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RowCount> totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty countingProperty() {
        return counting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }
}
