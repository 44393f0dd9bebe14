package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export's file writer: the bytes as given, whatever the chunks; forces while writing (issue 12). */
class ExportOutputTest {
    @TempDir
    Path folder;

    @Test
    void theFileHoldsExactlyTheBytesGivenAcrossBufferBoundaries() throws IOException {
        Path file = Files.createFile(folder.resolve("out.part"));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Random random = new Random(12);
        try (ExportOutput out = ExportOutput.open(file, 3 * ExportOutput.BUFFER)) {
            while (expected.size() < 5 * ExportOutput.BUFFER + 17) {
                // lines from empty to larger than the buffer, as COPY may send
                byte[] line = new byte[random.nextInt(10) == 0 ? ExportOutput.BUFFER + random.nextInt(1000) : random.nextInt(3000)];
                random.nextBytes(line);
                out.write(line);
                out.write((byte) '\r');
                expected.write(line);
                expected.write('\r');
            }
            assertThat(out.size()).isEqualTo(expected.size());
            out.finish();
            assertThat(out.backgroundForces()).isGreaterThan(0);
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
    }

    @Test
    void withoutAStepOnlyTheFinishForces() throws IOException {
        Path file = Files.createFile(folder.resolve("out.part"));
        try (ExportOutput out = ExportOutput.open(file, 0)) {
            out.write(new byte[4 * ExportOutput.BUFFER]);
            out.finish();
            assertThat(out.backgroundForces()).isZero();
        }
        assertThat(Files.size(file)).isEqualTo(4L * ExportOutput.BUFFER);
    }

    @Test
    void closedWithoutFinishTheFileCanBeDeletedAtOnce() throws IOException {
        Path file = Files.createFile(folder.resolve("out.part"));
        try (ExportOutput out = ExportOutput.open(file, ExportOutput.BUFFER)) {
            out.write(new byte[8 * ExportOutput.BUFFER + 1]); // background forces started
        }
        Files.delete(file);

        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void theStepIsReadFromTheSystemProperty() {
        String before = System.getProperty(ExportOutput.SYNC_EVERY_PROPERTY);
        try {
            System.setProperty(ExportOutput.SYNC_EVERY_PROPERTY, "0");
            assertThat(ExportOutput.configuredSyncEvery()).isZero();
            System.setProperty(ExportOutput.SYNC_EVERY_PROPERTY, "nonsense");
            assertThat(ExportOutput.configuredSyncEvery()).isEqualTo(ExportOutput.SYNC_EVERY);
            System.clearProperty(ExportOutput.SYNC_EVERY_PROPERTY);
            assertThat(ExportOutput.configuredSyncEvery()).isEqualTo(ExportOutput.SYNC_EVERY);
        } finally {
            if (before != null) {
                System.setProperty(ExportOutput.SYNC_EVERY_PROPERTY, before);
            }
        }
    }
}
