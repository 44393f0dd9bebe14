package io.postdesk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.postdesk.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 16: {@code postdesk diagnose}, as text and as JSON, for a support ticket. */
class DiagnoseCommandTest {
    private static TestDatabase db;
    private String out;
    private String err;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void jsonParsesAndHoldsEveryPart() throws Exception {
        int code = run("diagnose", "--json", "--database-url", db.urlText());

        assertThat(code).as(err).isZero();
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.at("/pool/maximum").asInt()).isEqualTo(10);
        assertThat(json.at("/pool/acquire/count").asLong()).isPositive();
        assertThat(json.at("/slowThreshold").asText()).isEqualTo("PT0.2S");
        assertThat(json.at("/health/samples/0/latencyMillis").isNumber()).isTrue();
        assertThat(json.at("/server/version").asText()).startsWith("17");
        assertThat(json.at("/server/sessions").isArray()).isTrue();
        assertThat(json.at("/server/sessions")).anySatisfy(session ->
                assertThat(session.get("application").asText()).isEqualTo("PostDesk diagnostics"));
        assertThat(json.at("/server/relations")).anySatisfy(relation ->
                assertThat(relation.get("name").asText()).isEqualTo("posts"));
        assertThat(json.at("/server/topStatementsNote").asText()).contains("CREATE EXTENSION pg_stat_statements");
        assertThat(json.at("/schema/version").asText()).isEqualTo("9");
        assertThat(json.at("/serverProblem").isNull()).isTrue();
        assertThat(out + err).doesNotContain(db.url().password());
    }

    @Test
    void textHasOneSectionPerPart() {
        int code = run("--database-url", db.urlText(), "diagnose");

        assertThat(code).as(err).isZero();
        assertThat(out).contains("Pool: ", "Slow statements (200 ms or more)", "Health: last check",
                "Server: PostgreSQL 17", "Sessions on this database:", "PostDesk diagnostics",
                "Tables and indexes:", "Top statements (pg_stat_statements):", "Schema: PostDesk version 9");
    }

    @Test
    void roleWithoutRightsToOtherSessionsGetsTheReportWithReasons() throws Exception {
        db.sql("DO $$ BEGIN CREATE ROLE diag_cli_limited LOGIN PASSWORD 'cli-pw'; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        try (java.sql.Connection other = db.dataSource().getConnection()) {
            int code = run("diagnose", "--json", "--database-url", "postgres://diag_cli_limited:cli-pw@localhost:"
                    + db.url().port() + "/" + db.url().database());

            assertThat(code).as(err).isZero();
            JsonNode json = new ObjectMapper().readTree(out);
            assertThat(json.at("/server/superuser").asBoolean()).isFalse();
            assertThat(json.at("/server/sessions")).anySatisfy(session -> {
                assertThat(session.get("user").asText()).isEqualTo(db.url().user());
                assertThat(session.get("query").isNull()).isTrue();
                assertThat(session.get("cannotSignalReason").asText()).contains("superuser");
            });
            assertThat(json.at("/schema/problem").asText()).contains("not allowed");
        }
    }

    @Test
    void unreachableServerPrintsWhatItHasAndExitsWithOne() {
        int code = run("diagnose", "--database-url", "postgres://nobody:pw@localhost:1/none");

        assertThat(code).isEqualTo(PostDeskCommand.EXIT_FAILED);
        assertThat(out).contains("Pool: ", "Health: last check failed", "Server: not available");
        assertThat(err).startsWith("postdesk: the server part is missing: ").doesNotContain("Exception");
    }

    private int run(String... args) {
        ConsoleCapture run = ConsoleCapture.run(args);
        out = run.out();
        err = run.err();
        return run.exitCode();
    }
}
