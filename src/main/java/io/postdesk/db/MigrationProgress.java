package io.postdesk.db;

/**
 * What a long migration step is doing, for a person waiting on it: index builds on a million posts
 * take minutes. Called from the migrating thread and from the progress poller's thread.
 */
@FunctionalInterface
public interface MigrationProgress {
    MigrationProgress NONE = line -> { };

    /** One line, such as "V3: building posts_content_trgm, scanning the table, 45%". */
    void report(String line);
}
