package io.postdesk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan's first line says in words that PostDesk has not set a database up, never "version none". */
class SchemaPlanTest {
    @Test
    void aDatabaseNeverMigratedIsSaidInWords() {
        String text = new SchemaPlan(SchemaPlan.Kind.FORWARD, "none", "9", List.of("V2 search", "V3 indexes"), List.of())
                .describe();

        assertThat(text).startsWith("Set up PostDesk's schema, up to version 9, on a database PostDesk has not set up yet:")
                .contains("  - V2 search").doesNotContain("none");
    }

    @Test
    void aMigratedDatabaseKeepsItsVersionNumber() {
        assertThat(new SchemaPlan(SchemaPlan.Kind.FORWARD, "4", "9", List.of(), List.of()).describe())
                .isEqualTo("Migrate the schema from version 4 to 9:");
        assertThat(new SchemaPlan(SchemaPlan.Kind.NOTHING, "9", "9", List.of(), List.of()).describe())
                .isEqualTo("The schema is at version 9: nothing to do.");
    }
}
