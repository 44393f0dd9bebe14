package io.postdesk.bench;

import io.postdesk.service.CsvImport;
import io.postdesk.service.Workspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What V9's change capture costs a writer (issue 15): PostDesk's bulk publish and CSV import of
 * up to 100,000 posts with the capture triggers on posts and with them disabled, alternating run
 * by run. The baseline column is "without". Between runs (untimed) the data is put back and the
 * change log emptied, so every run starts alike. The rows also say how many changes and
 * notifications one run wrote.
 */
final class ChangeCaptureScenarios {
    private static final int RUNS = 3;
    private static final String IMPORT_EPOCH = "2032-01-01 00:00:00+00";
    private static final List<String> TRIGGERS = List.of("posts_capture_inserted", "posts_capture_updated",
            "posts_capture_deleted", "posts_capture_truncated");

    private final Workspace workspace;
    private final Connection plain;
    private final Optional<Psql> psql;
    private final Scenarios scenarios;
    private final Path folder;

    ChangeCaptureScenarios(Workspace workspace, Connection plain, Optional<Psql> psql, Scenarios scenarios, Path folder) {
        this.workspace = workspace;
        this.plain = plain;
        this.psql = psql;
        this.scenarios = scenarios;
        this.folder = folder;
    }

    void run(int count) {
        try {
            bulkPublish(count);
            importPosts(count);
        } finally {
            try {
                capture(true);
                emptyLog();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not switch the capture triggers back on", e);
            }
        }
    }

    private void bulkPublish(int count) {
        String name = String.format("bulk publish %,d posts with change capture", count);
        Goal goal = Goal.atMostTimesBaseline(1.5);
        try {
            List<UUID> drafts = drafts(count);
            double[] with = new double[RUNS];
            double[] without = new double[RUNS];
            long changes = 0;
            for (int i = 0; i < RUNS; i++) {
                capture(false);
                without[i] = time(() -> workspace.publishing().apply(drafts, true, null, null));
                workspace.publishing().apply(drafts, false, null, null);
                capture(true);
                emptyLog();
                with[i] = time(() -> workspace.publishing().apply(drafts, true, null, null));
                changes = logged();
                capture(false);
                workspace.publishing().apply(drafts, false, null, null);
                emptyLog();
            }
            scenarios.add(new Row(name, Timings.of(with), Timings.of(without),
                    String.format("%,d changes, %d transactions", changes, transactions()), goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        }
    }

    private void importPosts(int count) {
        String name = String.format("CSV import of %,d posts with change capture", count);
        Goal goal = Goal.atMostTimesBaseline(1.5);
        Path file = folder.resolve("bench-cdc-import.csv");
        try {
            Psql tool = psql.orElseThrow(() -> new IllegalStateException(Psql.missing()));
            tool.run("\\copy (SELECT u.username AS author, p.title, p.content, p.published, timestamptz '" + IMPORT_EPOCH
                    + "' + row_number() OVER (ORDER BY p.id) * interval '1 second' AS created_at"
                    + " FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id LIMIT " + count + ") to '" + file
                    + "' csv header");
            double[] with = new double[RUNS];
            double[] without = new double[RUNS];
            long changes = 0;
            for (int i = 0; i < RUNS; i++) {
                capture(false);
                without[i] = time(() -> workspace.imports().importFile(CsvImport.Kind.POSTS, file, (done, total) -> { }));
                deleteImported();
                capture(true);
                emptyLog();
                with[i] = time(() -> workspace.imports().importFile(CsvImport.Kind.POSTS, file, (done, total) -> { }));
                changes = logged();
                capture(false);
                deleteImported();
                emptyLog();
            }
            scenarios.add(new Row(name, Timings.of(with), Timings.of(without),
                    String.format("%,d changes, %d transactions", changes, transactions()), goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (java.io.IOException e) {
                // a leftover file in the work folder is harmless
            }
        }
    }

    /** Switches the capture triggers on posts on or off (the benchmark's database is its own). */
    private void capture(boolean on) throws SQLException {
        try (Statement s = plain.createStatement()) {
            for (String trigger : TRIGGERS) {
                s.execute("ALTER TABLE posts " + (on ? "ENABLE" : "DISABLE") + " TRIGGER " + trigger);
            }
        }
    }

    private long transactionsSeen;

    private long logged() throws SQLException {
        try (Statement s = plain.createStatement();
             ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM postdesk_changes), (SELECT count(*) FROM postdesk_change_commits)")) {
            rs.next();
            transactionsSeen = rs.getLong(2);
            return rs.getLong(1);
        }
    }

    private long transactions() {
        return transactionsSeen;
    }

    private void emptyLog() throws SQLException {
        try (Statement s = plain.createStatement()) {
            s.execute("TRUNCATE postdesk_changes, postdesk_change_commits");
        }
    }

    private void deleteImported() throws SQLException {
        try (Statement s = plain.createStatement()) {
            s.execute("DELETE FROM posts WHERE created_at >= timestamptz '" + IMPORT_EPOCH + "'");
        }
    }

    private List<UUID> drafts(int count) throws SQLException {
        List<UUID> ids = new ArrayList<>(count);
        try (PreparedStatement s = plain.prepareStatement("SELECT id FROM posts WHERE NOT published ORDER BY id LIMIT ?")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    private static double time(Timings.Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e6;
    }
}
