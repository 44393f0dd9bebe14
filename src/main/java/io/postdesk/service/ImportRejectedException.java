package io.postdesk.service;

import io.postdesk.model.Printable;
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
        super(Printable.escaped(file) + ": " + (wholeFile(problems, total) ? ""
                : total + (total == 1 ? " bad line; " : " bad lines; ")) + "nothing was imported.");
        this.file = file;
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    /** The file as a whole is the problem (no rows): "1 bad line" would be wrong. */
    private static boolean wholeFile(List<ImportProblem> problems, long total) {
        return total == 1 && problems.size() == 1 && problems.get(0).line() == 0;
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
