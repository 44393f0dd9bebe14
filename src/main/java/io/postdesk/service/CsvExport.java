package io.postdesk.service;

import io.postdesk.db.Transactions;
import io.postdesk.model.Cancellation;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.Progress;
import io.postdesk.model.UserFilter;
import io.postdesk.model.UserSort;
import io.postdesk.store.ExportStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes posts or users to a CSV file. The server writes the CSV (COPY, RFC 4180 quoting, see
 * {@link ExportStore}); this class puts the lines into the file as they arrive, with CRLF line ends
 * and an optional byte order mark, and reports progress, so memory stays flat. The file is written
 * beside the target under a temporary name ({@link ExportOutput}, which forces it to disk while it
 * is written) and moved into place only when complete and on disk: a cancel or a failure deletes
 * the temporary file and leaves an existing target as it was.
 */
public final class CsvExport {
    private static final Logger log = LoggerFactory.getLogger(CsvExport.class);
    private static final int REPORT_EVERY = 5_000;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final Transactions transactions;
    private final ExportStore store;

    public CsvExport(Transactions transactions, ExportStore store) {
        this.transactions = transactions;
        this.store = store;
    }

    /** Writes the posts matching the filter in the given order; returns how many rows were written. */
    public long posts(Path target, PostFilter filter, PostSort sort, List<ExportColumn.Post> columns, CsvOptions options,
                      Progress.Listener progress, Cancellation cancellation) {
        requireColumns(columns);
        long estimate = transactions.readJdbc(connection -> store.estimatePosts(connection, filter));
        return write(target, options, estimate, progress, cancellation, (sink, stop) -> transactions.readJdbc(
                connection -> store.posts(connection, filter, sort, columns, options, sink, stop)));
    }

    public long users(Path target, UserFilter filter, UserSort sort, List<ExportColumn.User> columns, CsvOptions options,
                      Progress.Listener progress, Cancellation cancellation) {
        requireColumns(columns);
        long estimate = transactions.readJdbc(connection -> store.estimateUsers(connection, filter));
        return write(target, options, estimate, progress, cancellation, (sink, stop) -> transactions.readJdbc(
                connection -> store.users(connection, filter, sort, columns, options, sink, stop)));
    }

    private interface Rows {
        long stream(ExportStore.LineSink sink, Cancellation stop);
    }

    private long write(Path target, CsvOptions options, long estimate, Progress.Listener progress,
                       Cancellation cancellation, Rows rows) {
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        Cancellation stop = cancellation == null ? new Cancellation() : cancellation;
        Progress.Listener listener = progress == null ? Progress.Listener.NONE : progress;
        Path temporary = null;
        try {
            ExportFiles.removeStale(file);
            temporary = ExportFiles.createTemporary(file);
            long written;
            try (ExportOutput out = ExportOutput.open(temporary)) {
                if (options.bom()) {
                    out.write(BOM);
                }
                if (stop.isCancelled()) {
                    throw cancelled();
                }
                Lines lines = new Lines(out, options.header(), estimate, listener, stop);
                written = rows.stream(lines, stop);
                listener.update(progress(written, Math.max(written, estimate), lines.started));
                if (stop.isCancelled()) {
                    throw cancelled();
                }
                out.finish(); // on disk before it replaces the old file (most of it was forced while writing)
            }
            ExportFiles.copyPermissions(file, temporary); // a replaced file keeps its mode; a new one is 0644
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temporary = null;
            log.info("Exported {} rows to {}", written, file);
            return written;
        } catch (UncheckedIOException e) {
            throw failure(file, e.getCause());
        } catch (IOException e) {
            throw failure(file, e);
        } catch (RuntimeException e) {
            if (stop.isCancelled()) {
                throw cancelled();
            }
            throw e;
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    log.warn("Could not delete the temporary file {}", temporary, e);
                }
            }
        }
    }

    /**
     * Puts COPY's lines into the file with RFC 4180's CRLF instead of COPY's LF (a line break inside
     * a quoted value stays as it is), counts the rows for progress, and refuses once cancelled, which
     * stops the COPY.
     */
    private static final class Lines implements ExportStore.LineSink {
        private final ExportOutput out;
        private final long estimate;
        private final Progress.Listener listener;
        private final Cancellation stop;
        private final long started = System.nanoTime();
        private boolean header;
        private long rows;

        Lines(ExportOutput out, boolean header, long estimate, Progress.Listener listener, Cancellation stop) {
            this.out = out;
            this.header = header;
            this.estimate = estimate;
            this.listener = listener;
            this.stop = stop;
        }

        @Override
        public void line(byte[] line) throws IOException {
            line(line, 0, line, line.length);
        }

        /** A line whose end the store rewrote (the timestamps): the two parts go to the file without joining them first. */
        @Override
        public void line(byte[] head, int headLength, byte[] tail, int tailLength) throws IOException {
            if (stop.isCancelled()) {
                throw cancelled();
            }
            int end = tailLength - 1;
            if (end < 0 || tail[end] != '\n') {
                throw new IllegalStateException("COPY sent a line that does not end in a line feed");
            }
            out.write(head, 0, headLength);
            out.write(tail, 0, end);
            out.write((byte) '\r');
            out.write((byte) '\n');
            if (header) {
                header = false;
            } else if (++rows % REPORT_EVERY == 0) {
                listener.update(progress(rows, estimate, started));
            }
        }
    }

    private static CancelledException cancelled() {
        return new CancelledException("Export cancelled; no file was written.");
    }

    private static Progress progress(long done, long estimate, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Progress(done, Math.max(done, estimate), seconds > 0 ? done / seconds : 0);
    }

    private static void requireColumns(List<?> columns) {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one column to export");
        }
    }

    /** Turns a file-system failure into a sentence that says what to do; the details go to the log. */
    static ExportException failure(Path file, IOException e) {
        log.warn("Export to {} failed", file, e);
        String reason = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        String message;
        if (Files.isDirectory(file)) {
            message = file + " is a folder; choose a file name.";
        } else if (reason.contains("no space left") || reason.contains("disk full") || reason.contains("quota")) {
            message = "The disk is full: " + file + " could not be written. Free some space and export again.";
        } else if (Files.exists(file.getParent()) && !Files.isDirectory(file.getParent())) {
            message = file.getParent() + " is a file, not a folder. Choose a folder.";
        } else if (e instanceof NoSuchFileException || !Files.isDirectory(file.getParent())) {
            message = "The folder " + file.getParent() + " does not exist.";
        } else if (e instanceof AccessDeniedException || reason.contains("permission denied")) {
            message = "No permission to write " + file + ". Choose another folder.";
        } else if (e instanceof FileSystemException fs && fs.getReason() != null) {
            message = "Could not write " + file + ": " + fs.getReason() + ".";
        } else {
            message = "Could not write " + file + ": " + e.getMessage() + ".";
        }
        return new ExportException(message + " Nothing was changed.", e);
    }
}
