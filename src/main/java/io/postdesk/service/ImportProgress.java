package io.postdesk.service;

/**
 * Told how far an import is, from the importing thread. The check pass comes first and reports
 * through {@link #checking}; the import pass then reports the rows written through {@link #update}.
 */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> {
    };

    /** The import pass: {@code done} of {@code total} rows written. */
    void update(long done, long total);

    /**
     * The check pass, before anything is written: {@code rows} checked so far, and {@code bytesRead}
     * of the file's {@code fileSize} bytes (ahead of the rows by at most the CSV parser's buffer;
     * the last report has read the whole file). The row count is only known at the end, so the
     * bytes say how far the check is. Every 1,000 rows and once at the end; ignored unless overridden.
     */
    default void checking(long rows, long bytesRead, long fileSize) {
    }
}
