package io.postdesk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at a tiny size with one run of each scenario, so it cannot rot: every scenario
 * must be measured (goals are not judged at this size), the table must land in the file, the
 * data must be left as found, and a second run must reuse it. The real run is
 * {@code java -Xmx256m -jar postdesk.jar bench}.
 */
class BenchmarkSmokeTest {

    @Test
    void adoptsALiveBlogMadeByTheTutorialsSqlAndReportsTheLongestWaits(@TempDir Path folder) throws Exception {
        try (TestDatabase database = TestDatabase.createEmpty()) {
            Benchmark.Options options = new Benchmark.Options(database.url(), folder.resolve("unused"), 40, 1_000, 1,
                    folder.resolve("results.md"), EnumSet.of(Benchmark.Part.ADOPT));

            ResultTable table = new Benchmark(options, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8)).run();

            assertThat(table.rows()).extracting(Row::scenario).containsExactly(
                    "adopt a live blog (migrate): longest blog read", "adopt a live blog (migrate): longest blog write",
                    "adopt a live blog (migrate): longest lock wait of a blog read or write");
            assertThat(table.rows()).extracting(Row::failure).containsOnlyNulls();
            assertThat(table.rows()).allSatisfy(row -> assertThat(row.result()).startsWith("migrate ").doesNotContain("failed"));
            assertThat(scalar(database, "SELECT count(*) FROM pg_database WHERE datname = current_database() || '_adopt'"))
                    .as("the scenario's blog copy is dropped").isZero();
            assertThat(scalar(database, "SELECT count(*) FROM pg_database WHERE datname = current_database() || '_tutorial'"))
                    .as("the migrated blog is kept for the export").isOne();
            database.sql("DROP DATABASE " + database.url().database() + "_tutorial WITH (FORCE)");
        }
    }

    @Test
    void measuresEveryScenarioOnTinyDataAndReusesIt(@TempDir Path folder) throws Exception {
        try (TestDatabase database = TestDatabase.createEmpty()) {
            Path out = folder.resolve("results.md");
            Benchmark.Options options = new Benchmark.Options(database.url(), folder.resolve("unused"), 40, 1_000, 1,
                    out, EnumSet.of(Benchmark.Part.BROWSE, Benchmark.Part.WRITE, Benchmark.Part.EXPORT));

            ResultTable table = new Benchmark(options, new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8)).run();

            assertThat(table.rows()).extracting(Row::failure).containsOnlyNulls();
            assertThat(table.rows()).extracting(Row::scenario).contains("posts: first page", "posts: last page",
                    "posts: count shown with the page", "posts: search rare word 'quokkafest', first page",
                    "bulk publish 100 posts (selected)", "CSV export of all posts, whole command, PostDesk's schema (java -Xmx256m -cp, from the class folders)",
                    "CSV export of all posts, whole command, tutorial's schema (java -Xmx256m -cp, from the class folders)", "CSV import of 100 posts");
            String written = Files.readString(out);
            assertThat(written).contains("| scenario | result | p50 ms | p95 ms |", "40 users, 1,000 posts");
            assertThat(table.rows()).allSatisfy(row -> assertThat(written).contains("| " + row.scenario() + " |"));
            long published = scalar(database, "SELECT count(*) FROM posts WHERE published");
            assertThat(scalar(database, "SELECT count(*) FROM posts")).isEqualTo(1_000);

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            Benchmark.Options browseOnly = new Benchmark.Options(database.url(), folder.resolve("unused"), 40, 1_000,
                    1, out, EnumSet.of(Benchmark.Part.BROWSE));
            ResultTable browsed = new Benchmark(browseOnly, new PrintStream(again, true, StandardCharsets.UTF_8)).run();
            assertThat(again.toString(StandardCharsets.UTF_8)).contains("Reusing the benchmark data")
                    .doesNotContain("Generating");
            assertThat(browsed.rows()).extracting(Row::scenario).contains("posts: first page")
                    .noneMatch(scenario -> scenario.startsWith("bulk publish") || scenario.startsWith("CSV"));
            assertThat(scalar(database, "SELECT count(*) FROM posts")).isEqualTo(1_000);
            assertThat(scalar(database, "SELECT count(*) FROM posts WHERE published")).isEqualTo(published);
            database.sql("DROP DATABASE " + database.url().database() + "_tutorial WITH (FORCE)");
        }
    }

    @Test
    void refusesADatabaseThatHoldsSomeoneElsesData(@TempDir Path folder) throws SQLException {
        try (TestDatabase database = TestDatabase.create()) {
            database.sql("INSERT INTO users (username, email, password_hash) VALUES ('real', 'real@example.org', 'x')");
            Benchmark.Options options = new Benchmark.Options(database.url(), folder, 40, 1_000, 1,
                    folder.resolve("results.md"), EnumSet.of(Benchmark.Part.BROWSE));

            assertThatThrownBy(() -> new Benchmark(options, new PrintStream(new ByteArrayOutputStream())).run())
                    .hasMessageContaining("not benchmark data");
            assertThat(scalar(database, "SELECT count(*) FROM users")).isEqualTo(1);
            assertThat(Files.exists(folder.resolve("results.md"))).isFalse();
        }
    }

    private static long scalar(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
