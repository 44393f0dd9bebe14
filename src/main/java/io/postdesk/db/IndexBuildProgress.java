package io.postdesk.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Reports how far a CREATE INDEX CONCURRENTLY has come, from pg_stat_progress_create_index
 * (PostgreSQL 12+), once a second on its own connection and thread while the build runs.
 */
final class IndexBuildProgress implements AutoCloseable {
    private static final long EVERY_MILLIS = 1_000;
    private static final IndexBuildProgress NONE = new IndexBuildProgress(null);

    private final Thread poller;

    private IndexBuildProgress(Thread poller) {
        this.poller = poller;
    }

    static IndexBuildProgress start(DataSource source, int pid, String index, String step, MigrationProgress progress) {
        if (source == null || progress == MigrationProgress.NONE) {
            return NONE;
        }
        Thread poller = new Thread(() -> poll(source, pid, index, step, progress), "postdesk-index-progress");
        poller.setDaemon(true);
        poller.start();
        return new IndexBuildProgress(poller);
    }

    private static void poll(DataSource source, int pid, String index, String step, MigrationProgress progress) {
        try (Connection connection = source.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT phase, CASE WHEN blocks_total > 0 THEN 100.0 * blocks_done / blocks_total"
                             + " WHEN tuples_total > 0 THEN 100.0 * tuples_done / tuples_total END"
                             + " FROM pg_stat_progress_create_index WHERE pid = ?")) {
            query.setInt(1, pid);
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(EVERY_MILLIS);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        double percent = rs.getDouble(2);
                        progress.report(step + ": building " + index + ", " + rs.getString(1)
                                + (rs.wasNull() ? "" : String.format(java.util.Locale.ROOT, ", %.0f%%", percent)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // Progress is a courtesy: a poller that cannot read it stays quiet, the build goes on.
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.interrupt();
        }
    }
}
