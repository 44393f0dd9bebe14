package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.postdesk.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/** The literals COPY gets instead of parameters: the server reads back exactly the value that was meant. */
class InlineSqlTest {
    private static TestDatabase db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void everyValueComesBackAsItWas() throws SQLException {
        UUID id = UUID.randomUUID();
        Instant at = Instant.parse("2024-05-01T09:30:00.123456Z");
        String hostile = "it's \\' \"x\" ?; DROP TABLE posts; -- /* $1 $$ E'\\x27' \n\r\t 😀";
        Sql sql = Sql.of("SELECT ?::text, ? = 'it''s ?', ?::text, ?, ?, ?, ?::int, \"?\" FROM (SELECT 1 AS \"?\") q",
                hostile, "it's ?", id, at, true, null, 42);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(InlineSql.render(sql, c.unwrap(PGConnection.class)))) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(hostile);
            assertThat(rs.getBoolean(2)).isTrue();
            assertThat(rs.getString(3)).isEqualTo(id.toString());
            assertThat(rs.getObject(4, java.time.OffsetDateTime.class).toInstant()).isEqualTo(at);
            assertThat(rs.getBoolean(5)).isTrue();
            assertThat(rs.getObject(6)).isNull();
            assertThat(rs.getInt(7)).isEqualTo(42);
            assertThat(rs.getInt(8)).isEqualTo(1);
        }
    }

    @Test
    void whatItCannotReadItRefuses() throws SQLException {
        try (Connection c = db.dataSource().getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT ?"), pg)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT 1", "extra"), pg))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT E'\\'' || ?", "x"), pg))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT $$?$$ || ?", "x"), pg))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT ? -- ?", "x"), pg))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT ?", new Object()), pg))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT ?", "nul \0 inside"), pg))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void aSessionWithoutStandardConformingStringsIsRefused() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET standard_conforming_strings = off");
            try {
                assertThatThrownBy(() -> InlineSql.render(Sql.of("SELECT ?", "a\\"), c.unwrap(PGConnection.class)))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("standard_conforming_strings");
            } finally {
                s.execute("RESET standard_conforming_strings");
            }
        }
    }
}
