package io.postdesk.service;

import io.postdesk.db.DatabaseException;
import io.postdesk.db.Migrations;
import io.postdesk.db.PoolMetrics;
import io.postdesk.db.SlowQueryLog;
import io.postdesk.model.Diagnostics;
import io.postdesk.store.DiagnosticsStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The Diagnostics view's and {@code postdesk diagnose}'s one use case: a {@link Diagnostics} snapshot
 * of PostDesk's pool, slow statements and health (from memory) and of the server (over a connection
 * apart from the pool, so it answers when the pool is full), and Cancel / Terminate of a session.
 */
public final class DiagnosticsService {
    /** How far back the pool chart goes. */
    static final Duration POOL_HISTORY = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SLOW_THRESHOLD = SlowQueryLog.DEFAULT_THRESHOLD;

    private final Supplier<PoolMetrics> pool;
    private final SlowQueryLog slowQueries;
    private final HealthLog health;
    private final Supplier<DataSource> server;
    private final boolean embedded;
    private final DiagnosticsStore store = new DiagnosticsStore();
    private final Deque<Diagnostics.PoolSample> poolHistory = new ArrayDeque<>();

    DiagnosticsService(Supplier<PoolMetrics> pool, SlowQueryLog slowQueries, HealthLog health,
                       Supplier<DataSource> server, boolean embedded) {
        this.pool = pool;
        this.slowQueries = slowQueries;
        this.health = health;
        this.server = server;
        this.embedded = embedded;
    }

    public Duration slowThreshold() {
        return slowQueries.threshold();
    }

    /** Statements from now on count as slow from {@code threshold} on (the list keeps what it has). */
    public void setSlowThreshold(Duration threshold) {
        slowQueries.setThreshold(threshold);
    }

    /** Reads everything; the server's part is left out (with the reason) when the server does not answer. */
    public Diagnostics snapshot() {
        Instant now = Instant.now();
        Diagnostics.Pool figures = pool.get().figures();
        List<Diagnostics.PoolSample> history = samplePool(now, figures);
        Diagnostics.Server serverPart = null;
        Diagnostics.Schema schema = null;
        String problem = null;
        try (Connection connection = server.get().getConnection()) {
            serverPart = server(connection);
            schema = schema(connection);
        } catch (SQLException | RuntimeException e) {
            problem = ErrorMessages.describe(e);
        }
        return new Diagnostics(now, figures, history, slowQueries.threshold(), slowQueries.slowQueries(),
                slowQueries.runningNow(), health.view(), serverPart, schema, problem);
    }

    private Diagnostics.Server server(Connection connection) throws SQLException {
        DiagnosticsStore.ServerFacts facts = store.server(connection);
        List<Diagnostics.TopStatement> top = List.of();
        String note;
        if (!store.hasStatementStatistics(connection)) {
            note = embedded ? "pg_stat_statements is not installed yet in the embedded database; it is after the"
                    + " next start of PostDesk." : DiagnosticsStore.ENABLE_PG_STAT_STATEMENTS;
        } else {
            try {
                top = store.topStatements(connection);
                note = null;
            } catch (SQLException e) {
                // Installed but not preloaded: the view exists and refuses to be read.
                note = "pg_stat_statements is installed but not loaded: " + e.getMessage()
                        + ". Add it to shared_preload_libraries and restart the server.";
            }
        }
        return new Diagnostics.Server(facts.version(), facts.uptime(), facts.databaseBytes(), facts.role(),
                facts.superuser(), store.relations(connection), store.sessions(connection), top, note);
    }

    /** A role that may not read PostDesk's history still gets the rest of the view. */
    private Diagnostics.Schema schema(Connection connection) {
        try {
            List<Diagnostics.Migration> migrations = store.migrations(connection, Migrations.HISTORY_TABLE);
            return new Diagnostics.Schema(currentVersion(migrations), migrations, null);
        } catch (SQLException e) {
            return new Diagnostics.Schema(null, List.of(), ErrorMessages.describe(e));
        }
    }

    private static String currentVersion(List<Diagnostics.Migration> migrations) {
        return migrations.stream().filter(Diagnostics.Migration::success).map(Diagnostics.Migration::version)
                .filter(version -> version != null).reduce((first, last) -> last).orElse(null);
    }

    /** Between snapshots too (at each health check), so the chart has the minutes before the view opened. */
    void samplePool() {
        samplePool(Instant.now(), pool.get().figures());
    }

    private synchronized List<Diagnostics.PoolSample> samplePool(Instant now, Diagnostics.Pool figures) {
        poolHistory.addLast(new Diagnostics.PoolSample(now, figures.active(), figures.idle(), figures.waiting()));
        while (!poolHistory.isEmpty() && poolHistory.peekFirst().at().isBefore(now.minus(POOL_HISTORY))) {
            poolHistory.removeFirst();
        }
        return List.copyOf(poolHistory);
    }

    /** Cancels the session's running statement; false when there was nothing to cancel (it had ended). */
    public boolean cancel(int pid) {
        return signal(pid, false);
    }

    /** Ends the session (its open transaction is rolled back). */
    public boolean terminate(int pid) {
        return signal(pid, true);
    }

    private boolean signal(int pid, boolean terminate) {
        try (Connection connection = server.get().getConnection()) {
            return terminate ? store.terminate(connection, pid) : store.cancel(connection, pid);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
