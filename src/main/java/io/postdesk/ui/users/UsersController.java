package io.postdesk.ui.users;

import io.postdesk.model.UserRow;
import io.postdesk.service.Workspace;
import io.postdesk.ui.AppState;
import io.postdesk.ui.Connector;
import io.postdesk.ui.common.Cells;
import io.postdesk.ui.common.TableFeeder;
import io.postdesk.ui.common.Tasks;
import java.time.Instant;
import javafx.fxml.FXML;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.StackPane;

/** The users table: the newest users with their post counts. */
public final class UsersController {
    static final int PAGE_SIZE = 50;

    private final AppState state;
    private final Tasks tasks;
    private final Connector connector;

    @FXML
    private StackPane tableArea;
    @FXML
    private TableView<UserRow> table;
    @FXML
    private TableColumn<UserRow, String> usernameColumn;
    @FXML
    private TableColumn<UserRow, String> emailColumn;
    @FXML
    private TableColumn<UserRow, Instant> createdColumn;
    @FXML
    private TableColumn<UserRow, Instant> updatedColumn;
    @FXML
    private TableColumn<UserRow, String> postsColumn;

    public UsersController(AppState state, Tasks tasks, Connector connector) {
        this.state = state;
        this.tasks = tasks;
        this.connector = connector;
    }

    @FXML
    private void initialize() {
        Cells.text(usernameColumn, UserRow::username);
        Cells.text(emailColumn, UserRow::email);
        Cells.timestamp(createdColumn, UserRow::createdAt);
        Cells.timestamp(updatedColumn, UserRow::updatedAt);
        Cells.text(postsColumn, row -> row.publishedPosts() + " / " + row.allPosts());
        new TableFeeder<>(state, tasks, connector, tableArea, table, "users", this::load, "No users yet.");
    }

    private java.util.List<UserRow> load(Workspace workspace) {
        return workspace.users().firstPage(PAGE_SIZE);
    }
}
