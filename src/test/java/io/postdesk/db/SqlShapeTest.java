package io.postdesk.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The slow-query list shows a statement's shape: no literal that may hold personal data. */
class SqlShapeTest {

    @Test
    void quotedLiteralsBecomeQuestionMarks() {
        assertThat(SqlShape.of("SELECT * FROM users WHERE email = 'ann@x.org' AND note = 'it''s'"))
                .isEqualTo("SELECT * FROM users WHERE email = ? AND note = ?");
        assertThat(SqlShape.of("SELECT E'line\\n\\'quoted' , $$body$$, $t$x$t$ FROM posts"))
                .isEqualTo("SELECT ? , ?, ? FROM posts");
    }

    @Test
    void parametersNumbersAndSpacingStayReadable() {
        assertThat(SqlShape.of("SELECT id\n  FROM posts\tWHERE id = $1 LIMIT 50 OFFSET ?"))
                .isEqualTo("SELECT id FROM posts WHERE id = $1 LIMIT 50 OFFSET ?");
    }

    @Test
    void longStatementsAreCut() {
        String shape = SqlShape.of("SELECT " + "x, ".repeat(400) + "y");
        assertThat(shape).hasSize(SqlShape.MAX_LENGTH).endsWith("…");
    }
}
