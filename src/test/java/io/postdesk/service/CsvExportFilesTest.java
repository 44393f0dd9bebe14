package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.store.ExportStore;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files an export leaves: temporary files of killed exports are cleared, permissions are kept (issue 12). */
class CsvExportFilesTest {
    private static TestDatabase db;
    private static CsvExport export;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        export = new CsvExport(db.transactions(), new ExportStore());
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'x')");
        db.sql("INSERT INTO posts (user_id, title, content, published) SELECT id, 't', 'c', true FROM users");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private void exportTo(Path file) {
        export.posts(file, PostFilter.NONE, PostSort.NEWEST_FIRST, List.of(ExportColumn.Post.TITLE), CsvOptions.DEFAULTS,
                null, null);
    }

    private String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        Path file = Files.writeString(folder.resolve("posts.csv"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        exportTo(file);

        assertThat(Files.readString(file)).startsWith("title");
        assertThat(mode(file)).isEqualTo("rw-r--r--");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        exportTo(file);
        assertThat(mode(file)).isEqualTo("rw-rw----");
    }

    @Test
    void aNewFileIs0644() throws IOException {
        Path file = folder.resolve("new.csv");

        exportTo(file);

        assertThat(mode(file)).isEqualTo("rw-r--r--");
    }

    @Test
    void staleTemporaryFilesOfTheSameTargetAreRemovedAndFreshOrOthersKept() throws IOException {
        Path stale = Files.writeString(folder.resolve(".posts.csv.postdesk-123.part"), "killed export");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path running = Files.writeString(folder.resolve(".posts.csv.postdesk-456.part"), "still writing");
        Path other = Files.writeString(folder.resolve(".users.csv.postdesk-789.part"), "another target");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minus(Duration.ofHours(2))));

        exportTo(folder.resolve("posts.csv"));

        assertThat(stale).doesNotExist();
        assertThat(running).exists();
        assertThat(other).exists();
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("posts.csv", ".posts.csv.postdesk-456.part", ".users.csv.postdesk-789.part");
        }
    }

    @Test
    void theTemporaryFileIsNamedSoItsTargetAndPostDeskAreRecognisable() throws IOException {
        Path temporary = ExportFiles.createTemporary(folder.resolve("posts.csv"));

        assertThat(temporary.getFileName().toString()).startsWith(".posts.csv.postdesk-").endsWith(".part");
    }
}
