package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.Page;
import io.postdesk.model.PageRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Steps through a sorted result every way the pager allows and checks each way against the
 * same result read with one plain ORDER BY: no row skipped, none repeated, the flags right.
 */
final class KeysetWalk<R> {
    private final Function<PageRequest, Page<R>> load;
    private final Function<R, UUID> id;
    private final int size;

    KeysetWalk(Function<PageRequest, Page<R>> load, Function<R, UUID> id, int size) {
        this.load = load;
        this.id = id;
        this.size = size;
    }

    void matches(List<UUID> expected) {
        List<List<UUID>> forward = forward();
        assertThat(forward.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(expected);
        assertThat(backwardFromLast(expected.size())).containsExactlyElementsOf(forward);
        for (int index = 0; index < forward.size(); index++) {
            Page<R> page = load.apply(new PageRequest.At(size, index));
            assertThat(ids(page)).as("page %d by OFFSET", index).containsExactlyElementsOf(forward.get(index));
            assertThat(page.hasPrevious()).isEqualTo(index > 0);
            assertThat(page.hasNext()).isEqualTo(index < forward.size() - 1);
        }
    }

    /** First, then Next until there is no next page; checks the flags on the way. */
    private List<List<UUID>> forward() {
        List<List<UUID>> pages = new ArrayList<>();
        Page<R> page = load.apply(new PageRequest.First(size));
        assertThat(page.hasPrevious()).isFalse();
        pages.add(ids(page));
        while (page.hasNext()) {
            assertThat(page.rows()).hasSize(size);
            page = load.apply(new PageRequest.Next(size, page.last()));
            assertThat(page.hasPrevious()).isTrue();
            assertThat(page.rows()).isNotEmpty();
            pages.add(ids(page));
            assertThat(pages).as("the walk ends").hasSizeLessThan(10_000);
        }
        return pages;
    }

    /** Last (with the remainder, as the UI asks when the total is exact), then Previous to the start. */
    private List<List<UUID>> backwardFromLast(int total) {
        List<List<UUID>> pages = new ArrayList<>();
        int remainder = total % size == 0 ? size : total % size;
        Page<R> page = load.apply(new PageRequest.Last(size, remainder));
        assertThat(page.hasNext()).isFalse();
        pages.add(ids(page));
        while (page.hasPrevious()) {
            page = load.apply(new PageRequest.Previous(size, page.first()));
            assertThat(page.hasNext()).isTrue();
            assertThat(page.rows()).hasSize(size);
            pages.add(ids(page));
            assertThat(pages).as("the walk ends").hasSizeLessThan(10_000);
        }
        Collections.reverse(pages);
        return pages;
    }

    private List<UUID> ids(Page<R> page) {
        List<UUID> ids = page.rows().stream().map(id).toList();
        if (!ids.isEmpty()) {
            assertThat(page.first().id()).isEqualTo(ids.get(0));
            assertThat(page.last().id()).isEqualTo(ids.get(ids.size() - 1));
        }
        return ids;
    }
}
