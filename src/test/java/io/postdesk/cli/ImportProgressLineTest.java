package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.service.ImportProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What a person at a terminal sees while a file is checked and then imported. */
class ImportProgressLineTest {

    @Test
    void theCheckPassHasALineOfItsOwnThenTheWritingAndBothEndOnTheirLastFigure() {
        StringWriter text = new StringWriter();
        ImportProgress progress = ImportCommand.terminalProgress(new PrintWriter(text));

        progress.checking(1_000, 2_000, 10_000);
        progress.checking(4_000, 8_000, 10_000); // within 250 ms of the first: not shown
        progress.checking(5_000, 10_000, 10_000); // the last report of the check: always shown
        progress.update(2_500, 5_000);
        progress.update(5_000, 5_000);

        String[] lines = text.toString().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("\r1,000 rows checked of about 5,000")
                .doesNotContain("4,000").contains("\r5,000 rows checked of about 5,000");
        assertThat(lines[1]).startsWith("\r2,500 rows imported of about 5,000")
                .contains("\r5,000 rows imported of about 5,000");
    }
}
