package io.postdesk.service;

/** Told how far an import is: {@code done} of {@code total} rows written (called from the importing thread). */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (done, total) -> {
    };

    void update(long done, long total);
}
