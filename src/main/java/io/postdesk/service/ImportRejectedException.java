package io.postdesk.service;

import java.util.List;

/**
 * The file has bad lines, so nothing was imported. {@link #problems()} lists the first ones in
 * file order (at most {@link CsvImport#MAX_PROBLEMS}); {@link #total()} counts them all.
 */
public final class ImportRejectedException extends RuntimeException {
    private final String file;
    private final List<ImportProblem> problems;
    private final long total;

    ImportRejectedException(String file, List<ImportProblem> problems, long total) {
        super(file + ": " + total + (total == 1 ? " bad line" : " bad lines") + "; nothing was imported.");
        this.file = file;
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    public String file() {
        return file;
    }

    public List<ImportProblem> problems() {
        return problems;
    }

    public long total() {
        return total;
    }

    /** How many problems are counted but not listed. */
    public long notListed() {
        return total - problems.size();
    }
}
