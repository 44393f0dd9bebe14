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
 * The scenarios that write: bulk publish and CSV import, each beside the plain way (one UPDATE,
 * psql's {@code \copy}); the export is {@link ExportScenarios}. Every run leaves the data as it found it: what is published
 * is unpublished again, imported posts are deleted (untimed).
 */
final class WriteScenarios {
    private static final int WRITE_RUNS = 3;
    /** Imported posts are dated from here on, so they can be found and deleted again. */
    private static final String IMPORT_EPOCH = "2031-01-01 00:00:00+00";

    private final Workspace workspace;
    private final Connection plain;
    private final Optional<Psql> psql;
    private final Scenarios scenarios;
    private final Path folder;

    WriteScenarios(Workspace workspace, Connection plain, Optional<Psql> psql, Scenarios scenarios, Path folder) {
        this.workspace = workspace;
        this.plain = plain;
        this.psql = psql;
        this.scenarios = scenarios;
        this.folder = folder;
    }

    void bulkPublish(int count) throws SQLException {
        List<UUID> drafts = drafts(count);
        String name = String.format("bulk publish %,d posts (selected)", drafts.size());
        Goal goal = Goal.p50Under(2_000);
        try {
            List<Double> ours = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            long started = System.nanoTime();
            while (again(ours, started)) {
                ours.add(time(() -> workspace.publishing().apply(drafts, true, null, null)));
                workspace.publishing().apply(drafts, false, null, null);
                baseline.add(time(() -> plainUpdate(drafts, true)));
                plainUpdate(drafts, false);
            }
            scenarios.add(new Row(name, timings(ours), timings(baseline),
                    String.format("%,d changed", drafts.size()), goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        }
    }

    void importPosts(int count) {
        String name = String.format("CSV import of %,d posts", count);
        Goal goal = new Goal(">= 50,000 rows/s", row -> count / (row.ours().p50() / 1000) >= 50_000)
                .and(Goal.atMostTimesBaseline(3));
        Path file = folder.resolve("bench-import.csv");
        Path ids = folder.resolve("bench-import-ids.csv");
        try {
            Psql tool = psql.orElseThrow(() -> new IllegalStateException(Psql.missing()));
            String rows = "SELECT %s, p.title, p.content, p.published, timestamptz '" + IMPORT_EPOCH
                    + "' + row_number() OVER (ORDER BY p.id) * interval '1 second' AS created_at"
                    + " FROM posts p JOIN users u ON u.id = p.user_id ORDER BY p.id LIMIT " + count;
            tool.run("\\copy (" + rows.formatted("u.username AS author") + ") to '" + file + "' csv header");
            tool.run("\\copy (" + rows.formatted("p.user_id") + ") to '" + ids + "' csv header");
            List<Double> mine = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            long started = System.nanoTime();
            while (again(mine, started)) {
                mine.add(time(() -> workspace.imports().importFile(CsvImport.Kind.POSTS, file, (done, total) -> { })));
                deleteImported();
                baseline.add(time(() -> tool.run("\\copy posts (user_id, title, content, published, created_at) from '"
                        + ids + "' csv header")));
                deleteImported();
            }
            double rate = count / (timings(mine).p50() / 1000);
            scenarios.add(new Row(name, timings(mine), timings(baseline),
                    String.format("%,.0f rows/s", rate), goal, null));
        } catch (Exception e) {
            scenarios.add(Row.failed(name, goal, e));
        } finally {
            deleteQuietly(file);
            deleteQuietly(ids);
        }
    }

    private void deleteImported() throws SQLException {
        try (Statement s = plain.createStatement()) {
            s.execute("DELETE FROM posts WHERE created_at >= timestamptz '" + IMPORT_EPOCH + "'");
        }
    }

    private List<UUID> drafts(int count) throws SQLException {
        List<UUID> ids = new ArrayList<>(count);
        try (PreparedStatement s = plain.prepareStatement(
                "SELECT id FROM posts WHERE NOT published ORDER BY id LIMIT ?")) {
            s.setInt(1, count);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** What a generic tool sends: one UPDATE of all the ids (the V2 trigger sets updated_at). */
    private void plainUpdate(List<UUID> ids, boolean publish) throws SQLException {
        try (PreparedStatement s = plain.prepareStatement("UPDATE posts SET published = ? WHERE id = ANY(?)")) {
            s.setBoolean(1, publish);
            s.setArray(2, plain.createArrayOf("uuid", ids.toArray()));
            s.executeUpdate();
        }
    }

    /**
     * Up to {@value #WRITE_RUNS} runs, but no new one after a minute: at a million posts one run
     * (and its undoing) can take minutes, and its figure is what counts.
     */
    private static boolean again(List<Double> runs, long started) {
        return runs.isEmpty() || (runs.size() < WRITE_RUNS && System.nanoTime() - started < 60e9);
    }

    private static Timings timings(List<Double> millis) {
        return Timings.of(millis.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static double time(Timings.Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // a leftover benchmark file in the work folder is harmless
        }
    }
}
