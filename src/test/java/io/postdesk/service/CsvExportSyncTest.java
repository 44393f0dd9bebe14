package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.model.Cancellation;
import io.postdesk.model.CsvOptions;
import io.postdesk.model.ExportColumn;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.store.ExportStore;
import io.postdesk.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export forces its file to disk while it writes (issue 12): with a step small enough that
 * many background forces run during the export, the file is byte for byte the one written with a
 * single force at the end, the target keeps its old contents until the new file is complete, and a
 * cancel in the middle leaves no file.
 */
class CsvExportSyncTest {
    private static final List<ExportColumn.Post> ALL = List.of(ExportColumn.Post.values());
    private static TestDatabase db;
    private static CsvExport export;

    @TempDir
    Path folder;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        export = new CsvExport(db.transactions(), new ExportStore());
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'x')");
        // 20,000 posts of about 300 bytes: 6 MB, a force every 64 KiB is close to 100 of them.
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'post ' || g || ' \"quoted\", with a comma', repeat('line ' || g || E'\\n', 20), g % 2 = 0,"
                + " now() - make_interval(secs => g) FROM users, generate_series(1, 20000) g");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @AfterEach
    void defaultStep() {
        System.clearProperty(ExportOutput.SYNC_EVERY_PROPERTY);
    }

    private static void step(long bytes) {
        System.setProperty(ExportOutput.SYNC_EVERY_PROPERTY, Long.toString(bytes));
    }

    @Test
    void forcingWhileWritingGivesTheSameBytesAsForcingAtTheEnd() throws IOException {
        Path once = folder.resolve("once.csv");
        Path often = folder.resolve("often.csv");
        CsvOptions bom = new CsvOptions(',', true, true, true);

        step(0);
        export.posts(once, PostFilter.NONE, PostSort.NEWEST_FIRST, ALL, bom, null, null);
        step(64 << 10);
        export.posts(often, PostFilter.NONE, PostSort.NEWEST_FIRST, ALL, bom, null, null);

        assertThat(Files.size(once)).isGreaterThan(5_000_000);
        assertThat(sha256(often)).isEqualTo(sha256(once));
        assertThat(names()).containsExactlyInAnyOrder("once.csv", "often.csv");
    }

    @Test
    void theTargetKeepsItsOldContentsUntilTheNewFileIsComplete() throws IOException {
        Path target = Files.writeString(folder.resolve("posts.csv"), "old contents");
        List<String> seen = new ArrayList<>();
        List<Long> partSizes = new ArrayList<>();
        step(64 << 10);

        long rows = export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, ALL, CsvOptions.DEFAULTS, progress -> {
            try {
                seen.add(Files.readString(target));
                partSizes.add(partSize());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, null);

        assertThat(rows).isEqualTo(20_000);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(4).containsOnly("old contents");
        assertThat(partSizes).isSorted().allMatch(size -> size > 0);
        String written = Files.readString(target);
        assertThat(written).startsWith("id,author,title").contains("\"post 1 \"\"quoted\"\", with a comma\"")
                .contains("\"post 20000 \"\"quoted\"\", with a comma\"").endsWith("\r\n");
        assertThat(names()).containsExactly("posts.csv");
    }

    @Test
    void aCancelWhileForcesRunLeavesNoFileAndTheOldOneAsItWas() throws IOException {
        Path fresh = folder.resolve("fresh.csv");
        Path existing = Files.writeString(folder.resolve("existing.csv"), "old contents");
        step(16 << 10);

        for (Path target : List.of(fresh, existing)) {
            Cancellation cancellation = new Cancellation();
            assertThatThrownBy(() -> export.posts(target, PostFilter.NONE, PostSort.NEWEST_FIRST, ALL,
                    CsvOptions.DEFAULTS, progress -> {
                        if (progress.done() >= 10_000) {
                            cancellation.cancel();
                        }
                    }, cancellation)).isInstanceOf(CancelledException.class);
        }

        assertThat(names()).containsExactly("existing.csv");
        assertThat(existing).hasContent("old contents");
    }

    private long partSize() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(ExportFiles.SUFFIX)).toList();
            assertThat(parts).hasSize(1);
            return Files.size(parts.get(0));
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
