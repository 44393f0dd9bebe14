package io.postdesk.ui;

import static io.postdesk.ui.UiTestSupport.table;
import static io.postdesk.ui.UiTestSupport.text;
import static io.postdesk.ui.UiTestSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.postdesk.model.PostRow;
import io.postdesk.testing.TestDatabase;
import io.postdesk.ui.common.TableKeys;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/** The posts view as a user drives it: search, filters, sorting, paging, detail, copy. */
class PostsViewTest {
    private static TestDatabase db;
    private final FxRobot robot = new FxRobot();
    private Application app;

    @TempDir
    Path dataFolder;

    @BeforeAll
    static void seed() {
        db = TestDatabase.create();
        db.sql("INSERT INTO users (username, email, password_hash) VALUES ('alice', 'alice@example.org', 'h'),"
                + " ('bob', 'bob@example.org', 'h'), ('alfred', 'alfred@example.org', 'h')");
        // 120 posts: alice writes the even ones, bob the odd ones; every third is a draft.
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT (SELECT id FROM users WHERE username = CASE WHEN n % 2 = 0 THEN 'alice' ELSE 'bob' END),"
                + " 'Post ' || lpad(n::text, 3, '0'), 'Body of post ' || n || E'\\nsecond line', n % 3 <> 0,"
                + " timestamptz '2025-01-01' + n * interval '1 hour' FROM generate_series(1, 120) n");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Sale', 'Everything 50%_off today', true, timestamptz '2024-06-01' FROM users"
                + " WHERE username = 'alfred'");
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Decoy', 'Everything 50 percent off', true, timestamptz '2024-06-02' FROM users"
                + " WHERE username = 'alfred'");
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @BeforeEach
    void open() throws Exception {
        app = UiTestSupport.start(db.urlText(), dataFolder);
        waitUntil(() -> posts().getItems().size() == 50);
    }

    @AfterEach
    void close() throws Exception {
        UiTestSupport.closeAll(robot, app);
    }

    private TableView<PostRow> posts() {
        return table(robot, "#postsTable");
    }

    @Test
    void firstPageIsNewestFirstWithTheExactCount() throws Exception {
        assertThat(posts().getItems().get(0).title()).isEqualTo("Post 120");
        waitUntil(() -> text(robot, "#postsView .count-label").equals("122 posts"));
        assertThat(text(robot, "#postsView .page-label")).isEqualTo("Page 1 of 3");
    }

    @Test
    void searchIsLiteralAndShowsAChip() throws Exception {
        robot.clickOn("#searchField").write("50%_off");
        waitUntil(() -> posts().getItems().size() == 1);
        assertThat(posts().getItems().get(0).title()).isEqualTo("Sale");
        waitUntil(() -> text(robot, "#postsView .count-label").equals("1 post"));
        assertThat(robot.lookup("#postsView .chip .label").queryLabeled().getText()).isEqualTo("Contains \"50%_off\"");

        robot.clickOn("#postsView .chip-remove");
        waitUntil(() -> posts().getItems().size() == 50);
    }

    @Test
    void anEmptyResultSaysSoAndClearsWithOneClick() throws Exception {
        robot.clickOn("#searchField").write("no such words");
        waitUntil(() -> robot.lookup("#postsView #overlayMessage").queryLabeled().isVisible()
                && robot.lookup("#postsView #overlayMessage").queryLabeled().getText().equals("No posts match \"no such words\"."));
        robot.clickOn("Clear filters");
        waitUntil(() -> posts().getItems().size() == 50);
        assertThat(robot.lookup("#searchField").queryTextInputControl().getText()).isEmpty();
    }

    @Test
    void draftsByAnAuthorCombineAndClearOneByOne() throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<Object> published = robot.lookup("#publishedBox").queryAs(ComboBox.class);
        robot.interact(() -> published.getSelectionModel().select(2)); // Drafts only
        waitUntil(() -> posts().getItems().size() == 40 && posts().getItems().stream().noneMatch(PostRow::published));

        robot.clickOn("#authorField").write("ali");
        waitUntil(() -> robot.lookup(".menu-item .label").match(LabeledMatchers.hasText("alice")).tryQuery().isPresent());
        robot.clickOn(robot.lookup(".menu-item .label").match(LabeledMatchers.hasText("alice")).queryLabeled());
        waitUntil(() -> posts().getItems().size() == 20
                && posts().getItems().stream().allMatch(row -> row.author().equals("alice") && !row.published()));
        waitUntil(() -> text(robot, "#postsView .count-label").equals("20 posts"));
        assertThat(robot.lookup("#postsView .chip").queryAll()).hasSize(2);

        robot.clickOn("Clear all");
        waitUntil(() -> posts().getItems().size() == 50);
        assertThat(robot.lookup("#postsView .chip").queryAll()).isEmpty();
    }

    /** A header of the posts table (the users view has a "Title" column too, hidden in its tab). */
    private javafx.scene.Node header(String text) {
        return robot.lookup("#postsTable .column-header .label").match(LabeledMatchers.hasText(text)).query();
    }

    @Test
    void clickingAHeaderSortsTheWholeResultInTheDatabase() throws Exception {
        robot.clickOn(header("Title"));
        waitUntil(() -> posts().getItems().get(0).title().equals("Decoy"));
        List<String> titles = posts().getItems().stream().map(PostRow::title).toList();
        assertThat(titles).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(titles.get(1)).isEqualTo("Post 001");

        robot.clickOn(header("Title")); // descending
        waitUntil(() -> posts().getItems().get(0).title().equals("Sale"));
    }

    @Test
    void pagesStepForwardBackwardAndToTheEnd() throws Exception {
        waitUntil(() -> text(robot, "#postsView .count-label").equals("122 posts"));
        robot.clickOn("›");
        waitUntil(() -> text(robot, "#postsView .page-label").equals("Page 2 of 3"));
        assertThat(posts().getItems().get(0).title()).isEqualTo("Post 070");

        robot.clickOn("»");
        waitUntil(() -> text(robot, "#postsView .page-label").equals("Page 3 of 3"));
        assertThat(posts().getItems()).hasSize(22);
        assertThat(posts().getItems().get(21).title()).isEqualTo("Sale");

        robot.clickOn("#postsTable").type(KeyCode.PAGE_UP);
        waitUntil(() -> text(robot, "#postsView .page-label").equals("Page 2 of 3"));
        assertThat(posts().getItems().get(0).title()).isEqualTo("Post 070");

        robot.clickOn("#postsView .paging-bar .text-field").write("3").type(KeyCode.ENTER);
        waitUntil(() -> text(robot, "#postsView .page-label").equals("Page 3 of 3"));
        assertThat(posts().getItems().get(0).title()).isEqualTo("Post 020");
    }

    @Test
    void rowsHaveTheThemesHeightFixedSoNoPageIsMeasuredRowByRow() {
        javafx.scene.control.TableRow<?> row = robot.lookup("#postsTable .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() != null).query();

        assertThat(posts().getFixedCellSize()).isPositive().isEqualTo(row.getHeight());
        assertThat(table(robot, "#usersTable").getFixedCellSize()).isEqualTo(posts().getFixedCellSize());
        assertThat(table(robot, "#userPostsTable").getFixedCellSize()).isEqualTo(posts().getFixedCellSize());
    }

    @Test
    void pageSizeChangesThePages() throws Exception {
        @SuppressWarnings("unchecked")
        ComboBox<Integer> sizes = robot.lookup("#postsView .paging-bar .combo-box").queryAs(ComboBox.class);
        robot.interact(() -> sizes.setValue(100));
        waitUntil(() -> posts().getItems().size() == 100);
        waitUntil(() -> text(robot, "#postsView .page-label").equals("Page 1 of 2"));
    }

    @Test
    void selectingARowShowsTheWholePostAndCtrlCCopiesRows() throws Exception {
        robot.clickOn("Post 120");
        waitUntil(() -> robot.lookup("#detailContent").queryAs(TextArea.class).getText()
                .equals("Body of post 120\nsecond line"));
        assertThat(text(robot, "#detailTitle")).isEqualTo("Post 120");
        assertThat(text(robot, "#detailMeta")).startsWith("by alice · created\u00a0")
                .matches(".*created\u00a0\\d{4}-\\d{2}-\\d{2}\u00a0\\d{2}:\\d{2} · updated\u00a0.*"); // never wrapped inside

        robot.interact(() -> posts().getSelectionModel().selectRange(0, 2));
        String copied = TableKeys.selectionAsText(posts());
        assertThat(copied.lines().toList()).hasSize(3);
        assertThat(copied.lines().findFirst().orElseThrow()).isEqualTo("Title\tAuthor\tPublished\tCreated\tUpdated");
        assertThat(copied.lines().skip(1).findFirst().orElseThrow()).startsWith("Post 120\talice\tDraft\t");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void exportWritesTheMatchingRowsWithTheChosenOptions() throws Exception {
        robot.clickOn("#searchField").write("50%_off");
        waitUntil(() -> posts().getItems().size() == 1);
        Path target = dataFolder.resolve("sale.csv");

        robot.clickOn("#exportPostsButton");
        waitUntil(() -> robot.lookup("#exportFile").tryQuery().isPresent());
        robot.interact(() -> {
            robot.lookup("#exportFile").queryTextInputControl().setText(target.toString());
            @SuppressWarnings("unchecked")
            ComboBox<String> delimiter = robot.lookup("#exportDelimiter").queryAs(ComboBox.class);
            delimiter.getSelectionModel().select(1); // semicolon
        });
        robot.clickOn("#exportButton");

        waitUntil(() -> robot.lookup("#infoDialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#infoDialog .button").queryButton());
        List<String> lines = java.nio.file.Files.readAllLines(target);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("id;author;title;content;published;created_at;updated_at");
        assertThat(lines.get(1)).contains(";alfred;Sale;Everything 50%_off today;true;");
    }

    @Test
    void replacingAFileAsksInTheThemeAndEnterKeepsTheOldFile() throws Exception {
        Path target = dataFolder.resolve("posts_old.csv");
        java.nio.file.Files.writeString(target, "kept");
        robot.clickOn("#exportPostsButton");
        waitUntil(() -> robot.lookup("#exportFile").tryQuery().isPresent());
        robot.interact(() -> robot.lookup("#exportFile").queryTextInputControl().setText(target.toString()));
        robot.clickOn("#exportButton");

        waitUntil(() -> robot.lookup("#replaceFileDialog").tryQuery().isPresent());
        javafx.scene.control.DialogPane replace = robot.lookup("#replaceFileDialog")
                .queryAs(javafx.scene.control.DialogPane.class);
        assertThat(replace.getHeaderText()).isEqualTo("posts_old.csv exists. Replace it?");
        assertThat(replace.getGraphic()).isNull();
        assertThat(replace.lookupAll(".image-view")).isEmpty();
        javafx.scene.control.Button replaceButton = replace.getButtonTypes().stream()
                .map(type -> (javafx.scene.control.Button) replace.lookupButton(type))
                .filter(button -> button.getText().equals("Replace")).findFirst().orElseThrow();
        assertThat(replaceButton.isDefaultButton()).isFalse();
        assertThat(replaceButton.getStyleClass()).contains("danger");

        robot.type(KeyCode.ENTER); // the safe choice: the dialog closes, the file is untouched
        waitUntil(() -> robot.lookup("#replaceFileDialog").tryQuery().isEmpty());
        assertThat(target).hasContent("kept");
        assertThat(robot.lookup("#progressStatus").tryQuery()).isEmpty();
        robot.clickOn("#exportCancel");
        waitUntil(() -> robot.lookup("#exportFile").tryQuery().isEmpty());
    }

    @Test
    void exportIntoAMissingFolderOrAFileSaysSoAndWritesNothing() throws Exception {
        Path missing = dataFolder.resolve("no-such-folder");
        Path aFile = dataFolder.resolve("notes.txt");
        java.nio.file.Files.writeString(aFile, "kept");
        robot.clickOn("#exportPostsButton");
        waitUntil(() -> robot.lookup("#exportFile").tryQuery().isPresent());

        robot.interact(() -> robot.lookup("#exportFile").queryTextInputControl().setText(missing.resolve("posts.csv").toString()));
        robot.clickOn("#exportButton");
        waitUntil(() -> !robot.lookup("#exportMessage").queryLabeled().getText().isEmpty());
        assertThat(robot.lookup("#exportMessage").queryLabeled().getText())
                .isEqualTo("The folder " + missing.toAbsolutePath() + " does not exist.");

        robot.interact(() -> robot.lookup("#exportFile").queryTextInputControl().setText(aFile.resolve("posts.csv").toString()));
        robot.clickOn("#exportButton");
        waitUntil(() -> robot.lookup("#exportMessage").queryLabeled().getText().contains("is a file"));
        assertThat(robot.lookup("#exportMessage").queryLabeled().getText())
                .isEqualTo(aFile.toAbsolutePath() + " is a file, not a folder. Choose a folder.");

        // The dialog stays open to correct the name; nothing was written and no export ran.
        assertThat(robot.lookup("#exportFile").tryQuery()).isPresent();
        assertThat(robot.lookup("#progressStatus").tryQuery()).isEmpty();
        assertThat(missing).doesNotExist();
        assertThat(aFile).hasContent("kept");
        robot.clickOn("#exportCancel");
        waitUntil(() -> robot.lookup("#exportFile").tryQuery().isEmpty());
    }

    private PostRow selected() {
        return posts().getSelectionModel().getSelectedItem();
    }

    private String notice() {
        return text(robot, "#postsView .notice-label");
    }

    @Test
    void aSearchIsCountedNotGuessed() throws Exception {
        robot.clickOn("#searchField").write("post");
        waitUntil(() -> text(robot, "#postsView .count-label").equals("120 posts"));
        assertThat(text(robot, "#postsView .page-label")).isEqualTo("Page 1 of 3");
    }

    @Test
    void f5ReadsAChangeMadeElsewhereAndKeepsTheSelection() throws Exception {
        robot.clickOn("Post 119");
        waitUntil(() -> text(robot, "#detailTitle").equals("Post 119"));
        try {
            db.sql("UPDATE posts SET title = 'Post 119 (psql)', content = 'Changed in psql' WHERE title = 'Post 119'");
            robot.type(KeyCode.F5);
            waitUntil(() -> posts().getItems().get(1).title().equals("Post 119 (psql)"));
            waitUntil(() -> text(robot, "#detailTitle").equals("Post 119 (psql)"));
            assertThat(selected().title()).isEqualTo("Post 119 (psql)");
            assertThat(posts().getSelectionModel().getSelectedIndex()).isEqualTo(1);
            assertThat(robot.lookup("#detailContent").queryAs(TextArea.class).getText()).isEqualTo("Changed in psql");
        } finally {
            db.sql("UPDATE posts SET title = 'Post 119', content = E'Body of post 119\\nsecond line'"
                    + " WHERE title = 'Post 119 (psql)'");
        }
    }

    @Test
    void deletingHereSelectsTheNextRowAndSaysSo() throws Exception {
        db.sql("INSERT INTO posts (user_id, title, content, published, created_at)"
                + " SELECT id, 'Doomed', 'x', true, timestamptz '2030-01-01' FROM users WHERE username = 'bob'");
        robot.clickOn("#postsTable").type(KeyCode.F5);
        waitUntil(() -> posts().getItems().get(0).title().equals("Doomed"));
        robot.interact(() -> posts().getSelectionModel().clearAndSelect(0));
        waitUntil(() -> text(robot, "#detailTitle").equals("Doomed"));

        robot.clickOn("#deletePostButton");
        waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        robot.clickOn(robot.lookup("#confirmDialog .button").match(LabeledMatchers.hasText("Delete")).queryButton());

        waitUntil(() -> posts().getItems().get(0).title().equals("Post 120"));
        waitUntil(() -> selected() != null && selected().title().equals("Post 120"));
        waitUntil(() -> text(robot, "#detailTitle").equals("Post 120"));
        assertThat(notice()).isEqualTo("Deleted 1 post");
    }

    @Test
    void savingAnEditSelectsAndShowsTheSavedRow() throws Exception {
        robot.clickOn("Post 118");
        waitUntil(() -> !robot.lookup("#editPostButton").queryButton().isDisabled());
        robot.clickOn("#editPostButton");
        waitUntil(() -> "Post 118".equals(robot.lookup("#titleField").queryTextInputControl().getText()));
        try {
            robot.interact(() -> robot.lookup("#titleField").queryTextInputControl().setText("Post 118 edited"));
            waitUntil(() -> !robot.lookup("#saveButton").queryButton().isDisabled());
            robot.clickOn("#saveButton");
            waitUntil(() -> selected() != null && selected().title().equals("Post 118 edited"));
            waitUntil(() -> text(robot, "#detailTitle").equals("Post 118 edited"));
            assertThat(posts().getSelectionModel().getSelectedIndices()).containsExactly(2);
        } finally {
            db.sql("UPDATE posts SET title = 'Post 118' WHERE title = 'Post 118 edited'");
        }
    }

    @Test
    void publishingSaysHowManyChangedAndKeepsTheSelection() throws Exception {
        robot.interact(() -> posts().getSelectionModel().selectIndices(0, 3)); // Post 120 and 117, both drafts
        try {
            robot.clickOn("#publishMenu");
            robot.clickOn("Publish selected");
            waitUntil(() -> robot.lookup("#confirmDialog").tryQuery().isPresent());
            robot.clickOn(robot.lookup("#confirmDialog .button").match(LabeledMatchers.hasText("Publish")).queryButton());

            waitUntil(() -> notice().equals("Published 2 posts"));
            waitUntil(() -> posts().getItems().get(0).published() && posts().getItems().get(3).published());
            waitUntil(() -> posts().getSelectionModel().getSelectedItems().stream().map(PostRow::title).toList()
                    .equals(List.of("Post 120", "Post 117")));
        } finally {
            db.sql("UPDATE posts SET published = false WHERE title IN ('Post 120', 'Post 117')");
        }
    }

    @Test
    void pageDownAndUpKeepARowSelected() throws Exception {
        robot.clickOn("Post 120").type(KeyCode.PAGE_DOWN);
        waitUntil(() -> text(robot, "#postsView .page-label").startsWith("Page 2"));
        waitUntil(() -> selected() != null && selected().title().equals("Post 070"));

        robot.type(KeyCode.PAGE_UP);
        waitUntil(() -> text(robot, "#postsView .page-label").startsWith("Page 1"));
        waitUntil(() -> selected() != null && selected().title().equals("Post 071"));
    }

    @Test
    void badGoToTextIsExplainedAndKept() throws Exception {
        waitUntil(() -> text(robot, "#postsView .count-label").equals("122 posts"));
        javafx.scene.control.TextField goTo = robot.lookup("#postsView #goToField").queryAs(javafx.scene.control.TextField.class);
        robot.clickOn(goTo).write("abc").type(KeyCode.ENTER);
        assertThat(goTo.getText()).isEqualTo("abc");
        assertThat(text(robot, "#postsView .go-to-message")).isEqualTo("\"abc\" is not a page number.");
        assertThat(goTo.getPseudoClassStates()).anyMatch(state -> state.getPseudoClassName().equals("danger"));

        robot.interact(() -> goTo.setText("0"));
        robot.clickOn(goTo).type(KeyCode.ENTER);
        assertThat(text(robot, "#postsView .go-to-message")).isEqualTo("Pages start at 1.");

        robot.interact(() -> goTo.setText("9"));
        robot.clickOn(goTo).type(KeyCode.ENTER);
        assertThat(text(robot, "#postsView .go-to-message")).isEqualTo("There are only 3 pages.");
        assertThat(goTo.getText()).isEqualTo("9");
        assertThat(text(robot, "#postsView .page-label")).isEqualTo("Page 1 of 3");
    }

    @Test
    void aBadDateIsExplainedAndKept() throws Exception {
        javafx.scene.control.DatePicker from = robot.lookup("#fromPicker").queryAs(javafx.scene.control.DatePicker.class);
        // commitValue() is what Enter or leaving the field does; typed keys do not reach a
        // DatePicker's editor reliably under headless Monocle.
        robot.interact(() -> {
            from.getEditor().setText("2025-13-45");
            from.commitValue();
        });
        WaitForAsyncUtils.waitForFxEvents();
        waitUntil(() -> from.getPseudoClassStates().stream().anyMatch(state -> state.getPseudoClassName().equals("danger")));
        assertThat(from.getEditor().getText()).isEqualTo("2025-13-45");
        assertThat(from.getTooltip().getText()).startsWith("Not a date: use YYYY-MM-DD");
        waitUntil(() -> from.getTooltip().isShowing()); // said at once, not only when the pointer rests there
        assertThat(from.getValue()).isNull();
        assertThat(posts().getItems()).hasSize(50);

        robot.interact(() -> {
            from.getEditor().setText("2025-03-31");
            from.commitValue();
        });
        waitUntil(() -> !from.getTooltip().isShowing() && from.getPseudoClassStates().stream()
                .noneMatch(state -> state.getPseudoClassName().equals("danger")));
    }

    @Test
    void theEmptyMessageIsCentred() throws Exception {
        robot.clickOn("#searchField").write("no such words");
        waitUntil(() -> robot.lookup("#postsView #overlayMessage").queryLabeled().isVisible());
        javafx.scene.control.Labeled message = robot.lookup("#postsView #overlayMessage").queryLabeled();
        assertThat(message.getTextAlignment()).isEqualTo(javafx.scene.text.TextAlignment.CENTER);
        assertThat(message.getAlignment()).isEqualTo(javafx.geometry.Pos.CENTER);
    }
}
