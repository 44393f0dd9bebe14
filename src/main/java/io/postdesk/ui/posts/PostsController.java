package io.postdesk.ui.posts;

import io.postdesk.model.PostRow;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.Connector;
import io.postdesk.ui.common.Cells;
import io.postdesk.ui.common.TableFeeder;
import io.postdesk.ui.common.Tasks;
import java.time.Instant;
import java.util.List;
import javafx.fxml.FXML;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;

/** The posts table: the newest posts with author and published state. */
public final class PostsController {
    static final int PAGE_SIZE = 50;

    private final AppState state;
    private final Tasks tasks;
    private final Connector connector;

    @FXML
    private StackPane tableArea;
    @FXML
    private TableView<PostRow> table;
    @FXML
    private TableColumn<PostRow, String> titleColumn;
    @FXML
    private TableColumn<PostRow, String> authorColumn;
    @FXML
    private TableColumn<PostRow, Boolean> publishedColumn;
    @FXML
    private TableColumn<PostRow, Instant> createdColumn;
    @FXML
    private TableColumn<PostRow, Instant> updatedColumn;

    public PostsController(AppState state, Tasks tasks, Connector connector) {
        this.state = state;
        this.tasks = tasks;
        this.connector = connector;
    }

    @FXML
    private void initialize() {
        Cells.text(titleColumn, PostRow::title);
        Cells.text(authorColumn, PostRow::author);
        Cells.publishedBadge(publishedColumn, PostRow::published);
        Cells.timestamp(createdColumn, PostRow::createdAt);
        Cells.timestamp(updatedColumn, PostRow::updatedAt);
        new TableFeeder<>(state, tasks, connector, tableArea, table, "posts", this::load, "No posts yet.");
    }

    private List<PostRow> load(Workspace workspace) {
        return workspace.posts().firstPage(PAGE_SIZE);
    }
}
