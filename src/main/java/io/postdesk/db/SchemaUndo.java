package io.postdesk.db;

import io.postdesk.model.SchemaPlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves PostDesk's schema to another version, forward (Flyway) or back (the undo scripts in
 * {@code db/undo}), or removes it entirely. Flyway's community edition has no undo, and its
 * {@code clean} drops the whole schema, the blog's tables with it.
 *
 * <p>Going back runs every undo script, newest first, and removes their rows from the history, in
 * <em>one</em> transaction: it all happens or none of it. So the indexes go with a plain DROP INDEX
 * (DROP INDEX CONCURRENTLY cannot run in a transaction), which locks the table for a moment; the
 * statements run under the short lock_timeout and the whole transaction is tried again when a lock
 * was busy. V1 is the floor: users and posts are the blog's own tables (on an adopted blog they are
 * the blog's baseline), so they and their rows are never dropped.
 */
public final class SchemaUndo {
    private static final Logger log = LoggerFactory.getLogger(SchemaUndo.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String DEPENDENT_OBJECTS = "2BP01";
    private static final int ATTEMPTS = 6;
    /** V1 makes users and posts: the blog's own, never undone. */
    public static final String FLOOR = "1";

    private final DataSource dataSource;

    public SchemaUndo(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A row of PostDesk's history: an applied migration (or the baseline). */
    record Applied(String version, String description, String type) {
        String name() {
            return "V" + version + " " + description;
        }
    }

    /** The plan to move to {@code target}; refuses (UndoRefusedException) what PostDesk will not do. */
    public SchemaPlan planTo(String target) {
        List<String> known = Migrations.SCRIPT_VERSIONS;
        int to = parseVersion(target);
        if (to < Integer.parseInt(FLOOR)) {
            throw new UndoRefusedException("Version " + FLOOR + " is the lowest: V1 is the blog's own users and posts"
                    + " tables, which PostDesk never drops. To remove everything else, use uninstall.");
        }
        if (!known.contains(String.valueOf(to))) {
            throw new UndoRefusedException("This PostDesk knows schema versions " + known.get(0) + " to "
                    + known.get(known.size() - 1) + ", not " + target + ".");
        }
        requireRights();
        List<Applied> applied = history();
        String current = current(applied);
        int from = current.equals("none") ? 0 : Integer.parseInt(current);
        if (to == from) {
            return new SchemaPlan(SchemaPlan.Kind.NOTHING, current, current, List.of(), List.of());
        }
        if (to > from) {
            List<String> steps = new Migrations(dataSource).status().pending().stream()
                    .filter(step -> Integer.parseInt(step.substring(1, step.indexOf(' '))) <= to)
                    .toList();
            return new SchemaPlan(SchemaPlan.Kind.FORWARD, current, String.valueOf(to), steps, List.of(
                    "Each SQL script runs in its own transaction; the online steps (indexes built CONCURRENTLY) run"
                            + " outside any, so the blog's reads and writes go on meanwhile.",
                    "users, posts and their rows are kept."));
        }
        List<Applied> undone = undone(applied, to);
        requireUndoable(undone);
        return new SchemaPlan(SchemaPlan.Kind.BACK, current, String.valueOf(to),
                undone.stream().map(step -> "Undo " + step.name()).toList(), backNotes(undone, false));
    }

    /** The plan to remove everything PostDesk created, its history too. */
    public SchemaPlan planUninstall() {
        requireRights();
        List<Applied> applied = history();
        if (applied.isEmpty() && !historyExists()) {
            throw new UndoRefusedException("PostDesk has not changed this database: there is nothing to remove.");
        }
        List<Applied> undone = undone(applied, Integer.parseInt(FLOOR));
        requireUndoable(undone);
        List<String> steps = new ArrayList<>(undone.stream().map(step -> "Undo " + step.name()).toList());
        steps.add("Drop " + Migrations.HISTORY_TABLE + " (PostDesk's record of its schema changes)");
        return new SchemaPlan(SchemaPlan.Kind.UNINSTALL, current(applied), "none", steps, backNotes(undone, true));
    }

    private static List<String> backNotes(List<Applied> undone, boolean uninstall) {
        List<String> notes = new ArrayList<>();
        notes.add("All in one transaction: if any step fails, nothing is changed.");
        if (undone.stream().anyMatch(step -> UndoScripts.read(step.version(), step.description()).contains("INDEX"))) {
            notes.add("Indexes are dropped (or built) inside that transaction with plain DROP INDEX / CREATE INDEX:"
                    + " DROP INDEX CONCURRENTLY cannot run in a transaction. Each table is locked for the moment"
                    + " its indexes take; choose a quiet moment on a busy blog.");
        }
        notes.add("users, posts and their rows are kept exactly as they are"
                + (uninstall ? "; PostDesk adopts them again at its next start." : "."));
        notes.add("Nothing that is not PostDesk's is dropped: if a step would take one of the blog's objects with it,"
                + " PostDesk stops and names it.");
        return notes;
    }

    /**
     * Carries out a plan of {@link #planTo} or {@link #planUninstall}. Going forward, {@link Migrations}
     * checks first that the role could take the changes back.
     */
    public void apply(SchemaPlan plan, MigrationProgress progress) {
        switch (plan.kind()) {
            case NOTHING -> { }
            case FORWARD -> {
                new Migrations(dataSource).migrate(progress, plan.to());
                log.info("Schema migrated from version {} to {}: {}", plan.from(), plan.to(), plan.steps());
            }
            case BACK, UNINSTALL -> undo(plan, progress);
        }
    }

    private void undo(SchemaPlan plan, MigrationProgress progress) {
        boolean uninstall = plan.kind() == SchemaPlan.Kind.UNINSTALL;
        long pause = 500;
        try (LockWatch.Retries retries = LockWatch.retriesOn(dataSource)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    undoOnce(plan, uninstall, progress);
                    return;
                } catch (SQLException e) {
                    if (retries.cancelled()) {
                        throw new LockWaitCancelledException(retries.lastWait(), e);
                    }
                    if (LOCK_NOT_AVAILABLE.equals(e.getSQLState()) && attempt < ATTEMPTS) {
                        progress.report("A table is busy; trying again in " + pause + " ms");
                        if (retries.pause(pause)) {
                            throw new LockWaitCancelledException(retries.lastWait(), e);
                        }
                        pause *= 2;
                        continue;
                    }
                    if (DEPENDENT_OBJECTS.equals(e.getSQLState())) {
                        throw new UndoRefusedException("Stopped: the undo would also drop objects that are not PostDesk's. "
                                + detail(e) + " Nothing was changed.");
                    }
                    throw new DatabaseException(e);
                }
            }
        }
    }

    private void undoOnce(SchemaPlan plan, boolean uninstall, MigrationProgress progress) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                undoInOneTransaction(connection, plan, uninstall, progress);
                log.info("{} as role {}: {}", uninstall ? "PostDesk uninstalled (schema version " + plan.from() + ")"
                        : "Schema taken back from version " + plan.from() + " to " + plan.to(), role(connection), plan.steps());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private void undoInOneTransaction(Connection connection, SchemaPlan plan, boolean uninstall, MigrationProgress progress)
            throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + OnlineDdl.LOCK_TIMEOUT + "'");
        }
        UndoRights.require(connection, false);
        List<Applied> applied = history(connection);
        if (!current(applied).equals(plan.from())) {
            throw new UndoRefusedException("The schema changed since the plan was made (now version " + current(applied)
                    + "); nothing was changed. Look at the plan again.");
        }
        List<Applied> undone = undone(applied, uninstall ? Integer.parseInt(FLOOR) : Integer.parseInt(plan.to()));
        Set<String> dropped = new HashSet<>();
        Set<String> tables = new HashSet<>();
        List<String> scripts = new ArrayList<>();
        for (Applied step : undone) {
            String script = UndoScripts.read(step.version(), step.description());
            scripts.add(script);
            dropped.addAll(UndoScripts.droppedNames(script));
            tables.addAll(UndoScripts.droppedTables(script));
        }
        if (uninstall) {
            dropped.add(Migrations.HISTORY_TABLE);
            tables.add(Migrations.HISTORY_TABLE);
        }
        Set<String> before = ForeignObjects.list(connection);
        Set<String> parts = ForeignObjects.partsOf(connection, tables);
        try (Statement statement = connection.createStatement();
             PreparedStatement forget = connection.prepareStatement(
                     "DELETE FROM " + Migrations.HISTORY_TABLE + " WHERE version = ?")) {
            for (int i = 0; i < undone.size(); i++) {
                progress.report("Undoing " + undone.get(i).name());
                statement.execute(scripts.get(i));
                forget.setString(1, undone.get(i).version());
                forget.executeUpdate();
            }
            if (uninstall) {
                statement.execute("DROP TABLE " + Migrations.HISTORY_TABLE);
            }
        }
        Set<String> foreign = ForeignObjects.goneButNotOurs(before, ForeignObjects.list(connection), dropped, parts);
        if (!foreign.isEmpty()) {
            throw new UndoRefusedException("Stopped: the undo would also drop objects that are not PostDesk's: "
                    + String.join(", ", foreign) + ". Nothing was changed.");
        }
        connection.commit();
    }

    /** The applied migrations above {@code to}, newest first. */
    private static List<Applied> undone(List<Applied> applied, int to) {
        List<Applied> undone = new ArrayList<>();
        for (Applied step : applied) {
            if (!step.type().equals("BASELINE") && Integer.parseInt(step.version()) > to) {
                undone.add(0, step);
            }
        }
        return undone;
    }

    private static void requireUndoable(List<Applied> undone) {
        for (Applied step : undone) {
            UndoScripts.read(step.version(), step.description());
        }
    }

    /** Refuses (UndoRefusedException, with the reason) when the connected role could not undo PostDesk's changes. */
    public void requireRights() {
        try (Connection connection = dataSource.getConnection()) {
            UndoRights.require(connection, false);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static String current(List<Applied> applied) {
        return applied.isEmpty() ? "none" : applied.get(applied.size() - 1).version();
    }

    private List<Applied> history() {
        try (Connection connection = dataSource.getConnection()) {
            return history(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** The successful rows, oldest first; refuses a history with failed steps or versions this PostDesk does not know. */
    private static List<Applied> history(Connection connection) throws SQLException {
        List<Applied> applied = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT to_regclass('" + Migrations.HISTORY_TABLE + "') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return applied;
                }
            }
            try (ResultSet rs = statement.executeQuery("SELECT version, description, type, success FROM "
                    + Migrations.HISTORY_TABLE + " WHERE version IS NOT NULL ORDER BY installed_rank")) {
                while (rs.next()) {
                    Applied step = new Applied(rs.getString(1), rs.getString(2), rs.getString(3));
                    if (!rs.getBoolean(4)) {
                        throw new UndoRefusedException(step.name() + " failed half way: run 'postdesk migrate' to finish it first.");
                    }
                    if (!step.type().equals("BASELINE") && !Migrations.SCRIPT_VERSIONS.contains(step.version())) {
                        throw new UndoRefusedException("The database was changed by a newer PostDesk (" + step.name()
                                + "): only that PostDesk can take it back.");
                    }
                    if (!(step.type().equals("BASELINE") && step.version().equals("0"))) {
                        applied.add(step);
                    }
                }
            }
        }
        return applied;
    }

    private boolean historyExists() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT to_regclass('" + Migrations.HISTORY_TABLE + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static int parseVersion(String target) {
        try {
            return Integer.parseInt(target.trim().replaceFirst("^[Vv]", ""));
        } catch (NumberFormatException e) {
            throw new UndoRefusedException("\"" + target + "\" is not a schema version: give a number such as "
                    + FLOOR + ".");
        }
    }

    private static String role(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The server's DETAIL ("view blog_days depends on function postdesk_post_day(timestamp)"), else its message. */
    private static String detail(SQLException e) {
        if (e instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            String detail = psql.getServerErrorMessage().getDetail();
            String message = psql.getServerErrorMessage().getMessage();
            return (message == null ? "" : message.substring(0, 1).toUpperCase() + message.substring(1) + ": ")
                    + (detail == null ? "" : detail.replace('\n', ';')) + ".";
        }
        return e.getMessage();
    }
}
