package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.Progress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's reports turned into what the progress window shows; no toolkit needed. */
class ImportReportsTest {
    private final List<Progress> checking = new ArrayList<>();
    private final List<Progress> writing = new ArrayList<>();
    private long now = 5_000_000_000L;
    private final ImportReports reports = new ImportReports(checking::add, writing::add, () -> now);

    @Test
    void theCheckEstimatesTheRowsFromTheShareOfTheFileRead() {
        now += 2_000_000_000L;
        reports.checking(1_000, 25_000, 100_000);
        now += 2_000_000_000L;
        reports.checking(1_950, 100_000, 100_000); // the end: the count is known

        assertThat(checking).containsExactly(new Progress(1_000, 4_000, 500), new Progress(1_950, 1_950, 487.5));
        assertThat(checking.get(0).secondsLeft()).isEqualTo(6);
        assertThat(writing).isEmpty();
    }

    @Test
    void writingHasARateOfItsOwn() {
        now += 10_000_000_000L; // a long check
        reports.checking(2_000, 200, 200);
        now += 1_000_000_000L;
        reports.update(1_000, 2_000);
        now += 1_000_000_000L;
        reports.update(2_000, 2_000);

        // Counted from the end of the check, not from its start (which would give 1,000 / 11 s).
        assertThat(writing).containsExactly(new Progress(1_000, 2_000, 1_000), new Progress(2_000, 2_000, 1_000));
        assertThat(writing.get(0).secondsLeft()).isEqualTo(1);
    }

    @Test
    void anEmptyFileOrNothingReadYetNeverDividesByZero() {
        reports.checking(0, 0, 0);
        reports.checking(0, 0, 500);

        assertThat(checking).extracting(Progress::total).containsExactly(0L, 0L);
    }
}
