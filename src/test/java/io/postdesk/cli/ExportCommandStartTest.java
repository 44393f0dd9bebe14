package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.Launcher;
import io.postdesk.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postdesk export posts} as a user runs it starts no Hibernate: the export is COPY on plain
 * JDBC, and building the SessionFactory was most of the command's CPU before its first row (issue 12,
 * "Export speed"; docs/PERFORMANCE.md).
 */
class ExportCommandStartTest {
    @TempDir
    Path folder;

    @Test
    void exportsWithoutBuildingHibernateOrPoolMetrics() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            db.sql("INSERT INTO users (username, email, password_hash) VALUES ('ann', 'ann@x.org', 'h')");
            db.sql("INSERT INTO posts (user_id, title, content) SELECT id, 'Post ' || n, 'c' FROM users, generate_series(1, 3) n");
            Path csv = folder.resolve("posts.csv");
            Path out = folder.resolve("out.txt");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xlog:class+load:stdout", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                    "export", "posts", "--out", csv.toString())
                    .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
            builder.environment().put("DATABASE_URL", db.urlText());
            builder.environment().put("POSTDESK_DATA_DIR", folder.resolve("data").toString());
            // A test machine busy with other builds can take longer than the default 5 s to connect.
            builder.environment().put("POSTDESK_CONNECT_TIMEOUT_MS", "60000");
            Process process = builder.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("Exported 3 posts to ")
                    .doesNotContain("org.hibernate.internal.SessionFactoryImpl ")
                    // nor HikariCP's Micrometer tracker: the pool's figures are for diagnose and the window (export12)
                    .doesNotContain("com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTracker ")
                    .doesNotContain("io.micrometer.core.instrument.Timer ")
                    .doesNotContain("org.HdrHistogram.");
            assertThat(Files.readAllLines(csv)).hasSize(4);
        }
    }
}
