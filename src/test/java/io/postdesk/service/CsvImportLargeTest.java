package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.store.AuditStore;
import io.postdesk.store.ImportStore;
import io.postdesk.testing.TestDatabase;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 200,000 posts from a generated file: all arrive, memory stays flat, and the rate is printed. */
class CsvImportLargeTest {
    private static final int ROWS = 200_000;
    private static TestDatabase db;
    private static EditingFixture fx;

    @TempDir
    static Path dir;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
        fx = new EditingFixture(db);
        for (int i = 0; i < 50; i++) {
            fx.insertUser("author" + i, "author" + i + "@example.org");
        }
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void twoHundredThousandPostsStreamWithFlatMemory() throws IOException {
        Path file = dir.resolve("posts.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("author,title,content,published,created_at\n");
            for (int i = 0; i < ROWS; i++) {
                out.write("author" + (i % 50) + ",\"Post " + i + ", about things\",\"Some text of post " + i
                        + " with a line break\nand \"\"quotes\"\" and ünïcödé\"," + (i % 3 == 0) + ","
                        + "2024-01-01T00:00:00Z\n");
            }
        }
        long fileBytes = Files.size(file);
        CsvImport imports = new CsvImport(db.transactions(), new ImportStore(), new AuditStore("bench"),
                new PasswordHasher());
        long before = liveHeap();
        long[] peak = {before};

        long start = System.nanoTime();
        ImportResult result = imports.importFile(CsvImport.Kind.POSTS, file,
                (done, total) -> peak[0] = Math.max(peak[0], liveHeap()));
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(result.rows()).isEqualTo(ROWS);
        assertThat(fx.count("SELECT count(*) FROM posts")).isEqualTo(ROWS);
        System.out.printf(Locale.ROOT, "CSV import: %,d posts (%,d bytes) in %.2f s (check + import) = %,.0f rows/s;"
                + " live heap after GC %d MB before, %d MB peak%n", ROWS, fileBytes, seconds, ROWS / seconds,
                before >> 20, peak[0] >> 20);
        // The file is ~20 MB of text (~40 MB as Java strings): holding it would show here.
        assertThat(peak[0] - before).isLessThan(16L << 20);
    }

    /** The old generation's size after its last collection: what survives, not what is garbage yet. */
    private static long liveHeap() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null
                    && pool.getName().toLowerCase(Locale.ROOT).contains("old")) {
                used += pool.getCollectionUsage().getUsed();
            }
        }
        return used;
    }
}
