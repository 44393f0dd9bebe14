package io.postdesk.service;

import io.postdesk.model.Progress;
import java.util.function.LongSupplier;

/**
 * An import's reports as a progress display shows them (the import window, the command line). While the file is checked: rows checked
 * of the rows the file is estimated to hold, from the share of its bytes read so far (the count is
 * only known at the end). Then the rows written of the rows checked. Each stage has its own rate,
 * so time spent checking does not make writing look slow. Called on the importing thread.
 */
public final class ImportReports implements ImportProgress {
    private final Progress.Listener checking;
    private final Progress.Listener writing;
    private final LongSupplier nanoTime;
    private final long checkStarted;
    private long checkEnded;

    public ImportReports(Progress.Listener checking, Progress.Listener writing, LongSupplier nanoTime) {
        this.checking = checking;
        this.writing = writing;
        this.nanoTime = nanoTime;
        this.checkStarted = nanoTime.getAsLong();
        this.checkEnded = checkStarted;
    }

    @Override
    public void checking(long rows, long bytesRead, long fileSize) {
        long estimate = bytesRead <= 0 || bytesRead >= fileSize ? rows : Math.round((double) rows * fileSize / bytesRead);
        checkEnded = nanoTime.getAsLong(); // the last report is the end of the check, where writing starts
        checking.update(new Progress(rows, Math.max(rows, estimate), rate(rows, checkStarted)));
    }

    @Override
    public void update(long done, long total) {
        writing.update(new Progress(done, total, rate(done, checkEnded)));
    }

    private double rate(long done, long since) {
        double seconds = (nanoTime.getAsLong() - since) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }
}
