package io.postdesk.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One look at PostDesk's side (its pool, its slow statements, the health check) and the server's
 * (sessions, tables, top statements, the schema), for the Diagnostics view and {@code postdesk diagnose}.
 *
 * @param serverProblem why the server part is missing (unreachable, refused), else null
 */
public record Diagnostics(Instant taken, Pool pool, List<PoolSample> poolHistory, Duration slowThreshold,
                          List<Statement> slowQueries, List<Statement> runningNow, HealthLog health,
                          Server server, Schema schema, String serverProblem) {

    /** Connections of PostDesk's pool, from HikariCP's own metrics; times in milliseconds. */
    public record Pool(int active, int idle, int waiting, int total, int maximum, Times acquire, Times held,
                       long timeouts) {
    }

    /** Percentiles over the last minutes (HikariCP timers), in milliseconds. */
    public record Times(long count, double p50, double p95, double p99, double max) {
    }

    public record PoolSample(Instant at, int active, int idle, int waiting) {
    }

    /**
     * A statement PostDesk ran: its shape (literals replaced by ?, never bound values), how long it
     * took (or has run so far), its rows (null when unknown), and the screen or command that ran it.
     */
    public record Statement(String shape, long millis, Long rows, String origin, Instant started) {
    }

    /** @param latencyMillis null for a failed check */
    public record HealthSample(Instant at, Long latencyMillis) {
    }

    public record HealthLog(List<HealthSample> samples, String lastFailure, Instant lastFailureAt, int reconnects) {
    }

    /**
     * @param topStatementsNote why there are no top statements (the extension is missing) and how to enable it;
     *                          null when they are shown
     */
    public record Server(String version, Duration uptime, long databaseBytes, String role, boolean superuser,
                         List<Relation> relations, List<Session> sessions, List<TopStatement> topStatements,
                         String topStatementsNote) {
    }

    /** A table or an index: estimated rows, bytes on disk, scans since the statistics were reset. */
    public record Relation(String kind, String name, String table, long estimatedRows, long bytes, long scans,
                           Long deadRows) {
    }

    /**
     * A session on this database.
     *
     * @param query     null when the role may not read it
     * @param cannotSignalReason null when the role may cancel or terminate it, else why not
     */
    public record Session(int pid, String user, String application, String state, String waitingFor,
                          List<Integer> blockedBy, Instant queryStart, String query, boolean own,
                          String cannotSignalReason) {
        public boolean maySignal() {
            return cannotSignalReason == null;
        }
    }

    public record TopStatement(String query, long calls, double totalMillis, double meanMillis, long rows) {
    }

    public record Migration(int rank, String version, String description, Instant installedOn, int millis,
                            boolean success) {
    }

    /** @param problem why the history could not be read (the role may not), else null */
    public record Schema(String version, List<Migration> history, String problem) {
    }
}
