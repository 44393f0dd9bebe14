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
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes posts or users to a CSV file (RFC 4180 quoting by Apache Commons CSV). Rows stream from a
 * server-side cursor straight into the file, so memory stays flat. The file is written beside the
 * target under a temporary name and moved into place only when complete: a cancel or a failure
 * deletes the temporary file and leaves an existing target as it was.
 */
public final class CsvExport {
    private static final Logger log = LoggerFactory.getLogger(CsvExport.class);
    private static final int REPORT_EVERY = 5_000;

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
        long estimate = transactions.read(session -> store.estimatePosts(session, filter));
        return write(target, columns, options, estimate, progress, cancellation,
                sink -> transactions.read(session -> store.posts(session, filter, sort, columns, sink, cancellation)));
    }

    public long users(Path target, UserFilter filter, UserSort sort, List<ExportColumn.User> columns, CsvOptions options,
                      Progress.Listener progress, Cancellation cancellation) {
        requireColumns(columns);
        long estimate = transactions.read(session -> store.estimateUsers(session, filter));
        return write(target, columns, options, estimate, progress, cancellation,
                sink -> transactions.read(session -> store.users(session, filter, sort, columns, sink, cancellation)));
    }

    /** The OWASP rule: a cell a spreadsheet would take for a formula gets a leading apostrophe. */
    static String guard(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }

    private interface Rows {
        long stream(ExportStore.RowSink sink);
    }

    private long write(Path target, List<? extends ExportColumn> columns, CsvOptions options, long estimate,
                       Progress.Listener progress, Cancellation cancellation, Rows rows) {
        Path file = target.toAbsolutePath();
        Path folder = file.getParent();
        Cancellation stop = cancellation == null ? new Cancellation() : cancellation;
        Progress.Listener listener = progress == null ? Progress.Listener.NONE : progress;
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, "." + file.getFileName() + ".", ".part");
            long written;
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary),
                    StandardCharsets.UTF_8), 1 << 16);
                 CSVPrinter printer = new CSVPrinter(out, format(options))) {
                if (options.bom()) {
                    // Before the printer writes anything: the header goes after the mark.
                    out.write('\uFEFF');
                }
                if (options.header()) {
                    printer.printRecord(columns.stream().map(ExportColumn::header).toList());
                }
                written = streamRows(rows, printer, options.formulaGuard(), estimate, listener, stop);
            }
            if (stop.isCancelled()) {
                throw new CancelledException("Export cancelled; no file was written.");
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before it replaces the old file
            }
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
                throw new CancelledException("Export cancelled; no file was written.");
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

    private static long streamRows(Rows rows, CSVPrinter printer, boolean formulaGuard, long estimate,
                                   Progress.Listener listener, Cancellation stop) {
        long started = System.nanoTime();
        long[] count = {0};
        long total = rows.stream(values -> {
            if (stop.isCancelled()) {
                throw new CancelledException("Export cancelled; no file was written.");
            }
            if (formulaGuard) {
                for (int i = 0; i < values.length; i++) {
                    values[i] = guard(values[i]);
                }
            }
            printer.printRecord((Object[]) values);
            if (++count[0] % REPORT_EVERY == 0) {
                listener.update(progress(count[0], estimate, started));
            }
        });
        listener.update(progress(total, Math.max(total, estimate), started));
        return total;
    }

    private static Progress progress(long done, long estimate, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new Progress(done, Math.max(done, estimate), seconds > 0 ? done / seconds : 0);
    }

    private static CSVFormat format(CsvOptions options) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(options.delimiter())
                .setRecordSeparator("\r\n")
                .get();
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
