package io.postdesk.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The audit's jsonb text and its words; that PostgreSQL parses the JSON is checked in EditingAuditTest. */
class ChangeSetTest {

    @Test
    void recordsOnlyFieldsThatChanged() {
        ChangeSet changes = new ChangeSet().changed("title", "Old", "New").changed("published", true, true)
                .changed("content", null, "text");

        assertThat(changes.toJson())
                .isEqualTo("{\"title\":{\"old\":\"Old\",\"new\":\"New\"},\"content\":{\"old\":null,\"new\":\"text\"}}");
        assertThat(new ChangeSet().changed("title", "Same", "Same").isEmpty()).isTrue();
    }

    @Test
    void createsDeletesAndNotes() {
        ChangeSet changes = new ChangeSet().created("username", "ann").removed("posts", 3L).note("password", "set")
                .created("published", false);

        assertThat(changes.toJson()).isEqualTo("{\"username\":{\"new\":\"ann\"},\"posts\":{\"old\":3},"
                + "\"password\":\"set\",\"published\":{\"new\":false}}");
    }

    @Test
    void escapesWhatJsonMust() {
        ChangeSet changes = new ChangeSet().created("title", "say \"hi\" \\ back\n\tnow\u0001 ünïcode ✓");

        assertThat(changes.toJson())
                .isEqualTo("{\"title\":{\"new\":\"say \\\"hi\\\" \\\\ back\\n\\tnow\\u0001 ünïcode ✓\"}}");
    }

    @Test
    void wordsFollowTheFormOrderOneLinePerField() {
        ChangeLines lines = new ChangeLines();
        lines.change("published", true, "false", true, "true");
        lines.change("title", true, "Old", true, "New");
        lines.note("zeta", "noted");
        lines.change("content", false, null, true, "line one\nline two");

        assertThat(lines.text()).isEqualTo("title: Old → New\ncontent: line one line two\npublished: false → true\nzeta: noted");
    }

    @Test
    void longValuesAreCutShortInWordsOnly() {
        String shown = ChangeLines.shown("x".repeat(500));

        assertThat(shown).hasSize(ChangeLines.MAX_VALUE_LENGTH).endsWith("…");
        assertThat(ChangeLines.shown("x".repeat(ChangeLines.MAX_VALUE_LENGTH))).doesNotContain("…");
        assertThat(ChangeLines.shown(null)).isEqualTo("(empty)");
    }

    @Test
    void theFullTextKeepsEveryValueWholeAndSetsLongOnesApart() {
        String longOld = "word ".repeat(40) + "\nsecond line";
        ChangeLines lines = new ChangeLines();
        lines.change("published", true, "false", true, "true");
        lines.change("content", true, longOld, true, "Short now.");
        lines.change("title", true, "Old", true, "New");

        assertThat(lines.text()).contains("…");
        assertThat(lines.fullText()).isEqualTo("title: Old → New\n\ncontent, before:\n" + longOld.strip()
                + "\ncontent, after:\nShort now.\n\npublished: false → true");
    }

    @Test
    void shortChangesReadTheSameInFull() {
        ChangeLines lines = new ChangeLines();
        lines.change("title", true, "Old", true, "New");
        lines.change("published", false, null, true, "true");

        assertThat(lines.fullText()).isEqualTo(lines.text()).isEqualTo("title: Old → New\npublished: true");
    }
}
