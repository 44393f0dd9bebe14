package io.postdesk.db;

import io.postdesk.model.Diagnostics;
import io.postdesk.model.QueryOrigin;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.MethodExecutionContext;
import net.ttddyy.dsproxy.listener.MethodExecutionListener;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ProxyJdbcObject;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * The statements PostDesk ran above a threshold, and the ones running now, captured at the JDBC
 * level by datasource-proxy around the pool (so Hibernate's, the stores' plain JDBC and COPY are all
 * seen). Only the statement's text is kept, shown as its {@link SqlShape}; bound values are never
 * read. Rows are the update count, or for a query the rows read so far from its result set.
 */
public final class SlowQueryLog implements QueryExecutionListener, MethodExecutionListener {
    public static final Duration DEFAULT_THRESHOLD = Duration.ofMillis(200);
    /** The newest slow statements kept; older ones drop off. */
    static final int KEPT = 200;

    private volatile long thresholdNanos = DEFAULT_THRESHOLD.toNanos();
    private final Deque<Capture> slow = new ArrayDeque<>();
    private final Map<ExecutionInfo, Capture> running = new ConcurrentHashMap<>();
    /** Result sets of slow queries still being read, to count their rows; weak: a statement may close them unseen. */
    private final Map<ResultSet, Capture> counting = Collections.synchronizedMap(new WeakHashMap<>());

    /** One statement: its raw text stays here and is only shown as a shape. */
    private static final class Capture {
        final String sql;
        final String origin;
        final Instant started;
        final long startNanos;
        volatile long nanos;
        final AtomicLong rows = new AtomicLong(-1);

        Capture(String sql, String origin) {
            this.sql = sql;
            this.origin = origin;
            this.started = Instant.now();
            this.startNanos = System.nanoTime();
        }

        Diagnostics.Statement view(long elapsedNanos) {
            long counted = rows.get();
            return new Diagnostics.Statement(SqlShape.of(sql), elapsedNanos / 1_000_000,
                    counted < 0 ? null : counted, origin, started);
        }
    }

    /** {@code dataSource} with every statement reported here. */
    public DataSource wrap(DataSource dataSource) {
        return ProxyDataSourceBuilder.create("postdesk", dataSource)
                .listener(this)
                .methodListener(this)
                .proxyResultSet()
                .build();
    }

    public Duration threshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    public void setThreshold(Duration threshold) {
        if (threshold.isNegative()) {
            throw new IllegalArgumentException("threshold must not be negative: " + threshold);
        }
        thresholdNanos = threshold.toNanos();
    }

    /** The slow statements, newest first. */
    public List<Diagnostics.Statement> slowQueries() {
        synchronized (slow) {
            return slow.stream().map(capture -> capture.view(capture.nanos)).toList();
        }
    }

    /** Statements running now, longest first. */
    public List<Diagnostics.Statement> runningNow() {
        long now = System.nanoTime();
        List<Capture> all = new ArrayList<>(running.values());
        all.sort(Comparator.comparingLong(capture -> capture.startNanos));
        return all.stream().map(capture -> capture.view(now - capture.startNanos)).toList();
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
        String sql = queries.size() == 1 ? queries.get(0).getQuery()
                : String.join(";\n", queries.stream().map(QueryInfo::getQuery).toList());
        running.put(execInfo, new Capture(sql, QueryOrigin.current()));
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
        Capture capture = running.remove(execInfo);
        if (capture == null) {
            return;
        }
        capture.nanos = System.nanoTime() - capture.startNanos;
        if (capture.nanos < thresholdNanos) {
            return;
        }
        Object result = execInfo.getResult();
        if (result instanceof Integer count) {
            capture.rows.set(count);
        } else if (result instanceof Long count) {
            capture.rows.set(count);
        } else if (result instanceof int[] counts) {
            long sum = 0;
            for (int count : counts) {
                sum += Math.max(0, count);
            }
            capture.rows.set(sum);
        } else if (result instanceof ProxyJdbcObject proxy && proxy.getTarget() instanceof ResultSet rows) {
            capture.rows.set(0);
            counting.put(rows, capture);
        }
        synchronized (slow) {
            slow.addFirst(capture);
            while (slow.size() > KEPT) {
                slow.removeLast();
            }
        }
    }

    @Override
    public void beforeMethod(MethodExecutionContext executionContext) {
    }

    /** Counts the rows read from a slow query's result set. */
    @Override
    public void afterMethod(MethodExecutionContext context) {
        if (counting.isEmpty() || !(context.getTarget() instanceof ResultSet rows)) {
            return;
        }
        Capture capture = counting.get(rows);
        if (capture == null) {
            return;
        }
        String method = context.getMethod().getName();
        if ("next".equals(method) && Boolean.TRUE.equals(context.getResult())) {
            capture.rows.incrementAndGet();
        } else if ("next".equals(method) || "close".equals(method)) {
            counting.remove(rows);
        }
    }
}
