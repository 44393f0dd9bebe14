package io.postdesk.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bad lines of a check pass: all are counted, the first {@code limit} by line are kept.
 * Problems may arrive out of order (database look-ups run a batch behind), so the list is
 * sorted and trimmed now and then instead of being cut at the first {@code limit}.
 */
final class ProblemList {
    private static final Comparator<ImportProblem> ORDER =
            Comparator.comparingLong(ImportProblem::line).thenComparing(ImportProblem::column);

    private final int limit;
    private final List<ImportProblem> kept = new ArrayList<>();
    private long total;

    ProblemList(int limit) {
        this.limit = limit;
    }

    void add(long line, String column, String reason) {
        total++;
        kept.add(new ImportProblem(line, column, reason));
        if (kept.size() >= 2 * limit) {
            trim();
        }
    }

    boolean isEmpty() {
        return total == 0;
    }

    /** The first problems by line (at most the limit). */
    List<ImportProblem> kept() {
        trim();
        return List.copyOf(kept);
    }

    /** Throws when anything was bad. */
    void throwIfAny(String file) {
        if (total > 0) {
            trim();
            throw new ImportRejectedException(file, kept, total);
        }
    }

    private void trim() {
        kept.sort(ORDER);
        if (kept.size() > limit) {
            kept.subList(limit, kept.size()).clear();
        }
    }
}
