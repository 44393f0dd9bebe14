package io.postdesk;

import atlantafx.base.theme.PrimerLight;
import io.postdesk.cli.PostDeskCommand;
import io.postdesk.config.DataFolders;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseTargetResolver;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.config.Settings;
import io.postdesk.model.StartupTimes;
import io.postdesk.ui.AppState;
import io.postdesk.ui.ConnectionStatus;
import io.postdesk.ui.Connector;
import io.postdesk.ui.EarlyOpening;
import io.postdesk.ui.HelpDialogs;
import io.postdesk.ui.SchemaDialog;
import io.postdesk.ui.MainController;
import io.postdesk.ui.csv.ExportActions;
import io.postdesk.ui.csv.ImportActions;
import io.postdesk.ui.csv.ImportFileChooser;
import io.postdesk.ui.edit.Forms;
import io.postdesk.ui.edit.OpenForms;
import io.postdesk.ui.diagnostics.DiagnosticsController;
import io.postdesk.ui.history.HistoryController;
import io.postdesk.ui.Navigator;
import io.postdesk.ui.common.PagingBarController;
import io.postdesk.ui.common.UiState;
import io.postdesk.ui.common.WindowPlacement;
import io.postdesk.ui.common.BackgroundExecutor;
import io.postdesk.ui.common.DeferredTabs;
import io.postdesk.ui.common.Dialogs;
import io.postdesk.ui.common.ErrorReporter;
import io.postdesk.ui.common.FirstPaint;
import io.postdesk.ui.common.Tasks;
import io.postdesk.ui.common.ViewLoader;
import io.postdesk.ui.posts.PostsController;
import io.postdesk.ui.users.UsersController;
import io.postdesk.config.ConnectionStore;
import io.postdesk.config.Keychain;
import io.postdesk.config.OsKeychain;
import io.postdesk.config.PasswordSources;
import io.postdesk.config.PgPass;
import io.postdesk.ui.connections.ConnectionSwitch;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.Objects;
import javafx.application.Application;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.scene.Scene;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window, and the composition root: every service and controller is built here and handed
 * down through constructors.
 */
public final class App extends Application {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** Background threads: fewer than the pool's connections, so a task never waits for one. */
    private static final int WORKER_THREADS = 4;
    /** The longest the tabs not on top wait for the first page before they join the scene anyway. */
    private static final javafx.util.Duration HOLD_TABS_AT_MOST = javafx.util.Duration.seconds(10);

    private final Settings settings;
    private final Path dataFolder;
    private final ImportFileChooser importFiles;
    private final StartupTimes times;
    /** True for a real launch: the window shows its frame before the views are built (see {@link #start}). */
    private final boolean showFrameFirst;
    private LaunchOptions options;
    private BackgroundExecutor executor;
    private Connector connector;
    private io.postdesk.ui.common.LiveChanges liveChanges;
    private UiState uiState;
    private Stage stage;
    private Dialogs dialogs;
    private HelpDialogs help;
    private final OpenForms openForms = new OpenForms();
    /** Where the saved connections live (tests: their own data folder). */
    private final Path configFolder;
    /** The OS keychain, looked for on first use (a background thread: D-Bus may be slow). */
    private Supplier<Keychain> keychain = memoized(OsKeychain::open);
    private ConnectionSwitch connections;
    /** Stops saving the window's placement (see {@link #stop}). */
    private Runnable forgetPlacement = () -> { };
    /** The database's opening begun before the window ({@link WindowStart}); null: the window begins one. */
    private EarlyOpening early;

    /** For {@link Application#launch}: settings from the environment, options from the command line. */
    public App() {
        this(WindowStart.take());
    }

    private App(WindowStart.Handoff launched) {
        this(null, launched.settings(), DataFolders.forThisUser(), ImportFileChooser.PLATFORM, launched.times(), true,
                DataFolders.configForThisUser());
        this.early = launched.early();
        times.mark("toolkit-ready"); // Application.launch builds the App once the toolkit runs
    }

    /** For tests: everything given; files to import are chosen with the platform's dialog. */
    public App(LaunchOptions options, Settings settings, Path dataFolder) {
        this(options, settings, dataFolder, ImportFileChooser.PLATFORM, StartupTimes.sinceJvmStart(), false, dataFolder);
    }

    /** For tests that import: the file comes from {@code importFiles} instead of a native dialog. */
    public App(LaunchOptions options, Settings settings, Path dataFolder, ImportFileChooser importFiles) {
        this(options, settings, dataFolder, importFiles, StartupTimes.sinceJvmStart(), false, dataFolder);
    }

    /** Everything given, and the start recorded in {@code times} (the UI probe reads it). */
    public App(LaunchOptions options, Settings settings, Path dataFolder, StartupTimes times) {
        this(options, settings, dataFolder, ImportFileChooser.PLATFORM, times, false, dataFolder);
    }

    /**
     * For a test of the start as a real launch has it: the frame and a loading state first, the
     * views a moment later. The other constructors build the views before the window shows, so a
     * test finds them as soon as {@link #start} returns.
     */
    public static App showingFrameFirst(LaunchOptions options, Settings settings, Path dataFolder) {
        return showingFrameFirst(options, settings, dataFolder, StartupTimes.sinceJvmStart());
    }

    /** As a real launch, the start recorded in {@code times}. */
    public static App showingFrameFirst(LaunchOptions options, Settings settings, Path dataFolder,
                                        StartupTimes times) {
        return new App(options, settings, dataFolder, ImportFileChooser.PLATFORM, times, true, dataFolder);
    }

    /**
     * For tests of the launch: the window takes over {@code opening} (begun with this App's
     * settings and data folder) instead of beginning its own.
     */
    public App withEarlyOpening(EarlyOpening opening) {
        this.early = opening;
        return this;
    }

    /** For tests: this keychain instead of the machine's (a machine without one, say). */
    public App withKeychain(Keychain given) {
        this.keychain = () -> given;
        return this;
    }

    private App(LaunchOptions options, Settings settings, Path dataFolder, ImportFileChooser importFiles,
                StartupTimes times, boolean showFrameFirst, Path configFolder) {
        this.configFolder = configFolder;
        this.showFrameFirst = showFrameFirst;
        this.options = options;
        this.settings = settings;
        this.dataFolder = dataFolder;
        this.importFiles = importFiles;
        this.times = times;
    }

    @Override
    public void init() {
        if (options == null) {
            options = PostDeskCommand.parse(getParameters().getRaw());
        }
    }

    @Override
    public void start(Stage stage) {
        long windowStart = times.now();
        // The theme's precompiled binary form: the same 1,013 rules, read in tens of ms instead of parsing
        // 170 KB of CSS (a few hundred ms of the FX thread at every start).
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheetBSS());
        DatabaseTarget target = early != null ? early.target()
                : DatabaseTargetResolver.resolve(options.databaseUrl(), settings, dataFolder);
        AppState state = new AppState(target.displayName());
        liveChanges = state.liveChanges();
        executor = new BackgroundExecutor(WORKER_THREADS);
        Tasks tasks = new Tasks(executor, new ErrorReporter());
        this.stage = stage;
        dialogs = new Dialogs(() -> stage);
        PoolSettings pool = early != null ? early.pool() : PoolSettings.from(settings);
        connector = new Connector(target, pool, options, state, tasks, dialogs, times);
        connector.readFirstAhead(WindowStart.postsFirstPage(dataFolder));
        connector.setHealthInterval(java.time.Duration.ofMillis(
                settings.getLong("POSTDESK_HEALTH_INTERVAL_MS", 30_000)));
        ConnectionStore store = new ConnectionStore(configFolder);
        connections = new ConnectionSwitch(store, new PasswordSources(() -> keychain.get(), PgPass.forThisUser()), tasks,
                dialogs, openForms, connector, pool, dataFolder, options.readOnly(), () -> stage,
                target instanceof DatabaseTarget.Embedded ? ConnectionStore.EMBEDDED_NAME : null);
        // An opening begun by the launcher was begun because the window does not ask first.
        // --connection NAME: that saved connection, through the dialog's Connect (it finds or asks the password).
        String savedName = options.connection();
        boolean askFirst = early == null && WindowStart.asksFirst(savedName, target, store);
        if (askFirst) {
            connector.awaitChoice(savedName != null ? "Connecting to \"" + savedName + "\"…" : "Choose a connection…");
        } else {
            // The database opens in the background (begun by the launcher, or now on the executor) while
            // this thread builds the window; its callbacks come to the FX thread after the window is up
            // (the views start in "Working").
            connector.start(early);
            early = null; // the connector owns it now
        }
        help = new HelpDialogs(() -> stage, tasks, connector::serverVersionQuery, state::databaseName, dataFolder);
        uiState = UiState.load(dataFolder);
        uiState.saveAfterChanges(java.time.Duration.ofMillis(500));
        Navigator navigator = new Navigator();
        Forms forms = new Forms(tasks, openForms, () -> stage, navigator::showHistory, () -> {
            if (state.connection() instanceof ConnectionStatus.Ready ready) {
                connector.checkRights(ready.workspace());
            }
        }, state.healthProperty(), state.liveChanges());

        Views parts = new Views(state, tasks, navigator, forms, new ExportActions(tasks, dialogs),
                new ImportActions(tasks, dialogs, importFiles));
        ViewLoader views = new ViewLoader(type -> createController(type, parts));
        Scene scene = new Scene(showFrameFirst ? startingView() : views.load("main.fxml"));
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource("/styles/postdesk.css")).toExternalForm());
        stage.setScene(scene);
        WindowPlacement.restore(stage, uiState);
        forgetPlacement = WindowPlacement.remember(stage, uiState);
        stage.setTitle(title(state.databaseName(), state.connection()));
        state.connectionProperty().addListener((obs, old, status) -> stage.setTitle(title(state.databaseName(), status)));
        state.databaseNameProperty().addListener((obs, old, name) -> stage.setTitle(title(name, state.connection())));
        stage.setOnCloseRequest(event -> {
            if (!confirmQuit()) {
                event.consume();
            }
        });
        stage.show();
        if (askFirst) {
            // Closing the dialog without a choice opens the embedded database, as before there were any.
            Platform.runLater(() -> connections.showDialog(savedName, () -> {
                if (state.connection() instanceof ConnectionStatus.Working && !connector.isStarted()) {
                    connector.start();
                }
            }));
        }
        FirstPaint.afterFirstLayout(scene, () -> {
            times.mark("frame-shown");
            log.info("Start-up: window shown {} ms after the JVM started", times.end("frame-shown"));
        });
        if (showFrameFirst) {
            // The views (a few hundred ms of FXML, skins and CSS on a cold JVM) are built once the
            // first pulse has laid the starting view out, so that frame is drawn first. A plain
            // runLater here ran before that pulse, and the first frame waited for the views.
            FirstPaint.afterFirstLayout(scene, () -> Platform.runLater(() -> {
                Parent main = views.load("main.fxml");
                // The tabs not on top join the scene once the first page is painted (or when chosen):
                // their skins, CSS and layout were most of this thread's work before the first page.
                DeferredTabs later = main.lookup(".tab-pane") instanceof TabPane tabs
                        ? DeferredTabs.holdUnselected(tabs) : null;
                scene.setRoot(main);
                // The skins now rather than at the next pulse: a tab's content (the posts table) is in
                // the scene only once the TabPane has its skin, and the first page's watch looks it up.
                scene.getRoot().applyCss();
                times.span("window", windowStart);
                watchFirstPage(scene);
                if (later != null) {
                    releaseAfterFirstPage(later);
                }
            }));
        } else {
            times.span("window", windowStart);
            watchFirstPage(scene);
        }
    }

    /**
     * The held tabs come back once the first page is painted; or after {@link #HOLD_TABS_AT_MOST} when it
     * is not (the database failed, another tab is on top): the views are then complete all the same.
     */
    private void releaseAfterFirstPage(DeferredTabs later) {
        times.whenFinished(done -> later.release());
        PauseTransition fallback = new PauseTransition(HOLD_TABS_AT_MOST);
        fallback.setOnFinished(event -> later.release());
        fallback.play();
    }

    /** What the window shows for the moment its views are being built: the frame and a loading state. */
    private static Parent startingView() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(48, 48);
        Label text = new Label("Starting PostDesk…");
        VBox box = new VBox(12, spinner, text);
        box.setAlignment(Pos.CENTER);
        BorderPane root = new BorderPane(box);
        root.setId("startingView");
        root.getStyleClass().add("main");
        root.setPrefSize(1200, 780);
        return root;
    }

    /** Records when the first page of posts is on screen, and logs where the start went. */
    private void watchFirstPage(Scene scene) {
        times.whenFinished(done -> log.info("Start-up: first page painted {} ms after the JVM started ({})",
                done.end("first-paint"), done));
        if (scene.lookup("#postsTable") instanceof TableView<?> posts) {
            FirstPaint.watch(posts, () -> times.span("first-page", times.end("ready")), () -> {
                times.mark("first-paint");
                times.finish();
            });
        }
    }

    /** What the views' controllers are built from, made once per window. */
    private record Views(AppState state, Tasks tasks, Navigator navigator, Forms forms, ExportActions exports,
                         ImportActions imports) {
    }

    private Object createController(Class<?> type, Views v) {
        if (type == MainController.class) {
            return new MainController(v.state(), v.navigator(), uiState, new MainController.WindowActions() {
                @Override
                public void quit() {
                    if (confirmQuit()) {
                        stage.close(); // the last window: the toolkit ends and stop() saves and closes
                    }
                }

                @Override
                public void showAbout() {
                    help.showAbout();
                }

                @Override
                public void showSchema() {
                    new SchemaDialog(() -> stage, v.tasks(), connector::schemaChanges,
                            Path.of(System.getProperty("user.home")), connector::schemaChanged).show();
                }

                @Override
                public void showShortcuts(javafx.scene.control.MenuBar menus) {
                    help.showShortcuts(menus);
                }

                @Override
                public void showConnections() {
                    connections.showDialog(() -> { });
                }
            });
        }
        if (type == PostsController.class) {
            return new PostsController(v.state(), v.tasks(), connector, v.navigator(), uiState, v.forms(), dialogs,
                    v.exports(), v.imports());
        }
        if (type == UsersController.class) {
            return new UsersController(v.state(), v.tasks(), connector, v.navigator(), uiState, v.forms(), dialogs,
                    v.exports(), v.imports());
        }
        if (type == HistoryController.class) {
            return new HistoryController(v.state(), v.tasks(), v.navigator());
        }
        if (type == DiagnosticsController.class) {
            return new DiagnosticsController(v.tasks(), connector::diagnostics, dialogs);
        }
        if (type == PagingBarController.class) {
            return new PagingBarController();
        }
        throw new IllegalArgumentException("No controller factory for " + type.getName());
    }

    /** Quitting with unsaved forms asks first; the forms close with the window. */
    private boolean confirmQuit() {
        int unsaved = openForms.unsaved();
        if (unsaved > 0 && !dialogs.confirm(
                unsaved == 1 ? "A form has unsaved changes." : unsaved + " forms have unsaved changes.",
                "Quit PostDesk and discard them?", "Discard and quit")) {
            return false;
        }
        openForms.closeAll();
        return true;
    }

    /** {@code name}: the database shown now (the one switched to, after File > Connect…), never a password. */
    private String title(String name, ConnectionStatus status) {
        boolean readOnly = options.readOnly()
                || status instanceof ConnectionStatus.Ready ready && ready.workspace().readOnly();
        return "PostDesk — " + name + (readOnly ? " — READ-ONLY" : "");
    }

    private static <T> Supplier<T> memoized(Supplier<T> make) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }

    /**
     * Closes the database and stops the embedded server cleanly before the JVM exits, and lets go
     * of the stage: what this App hung on it (placement listeners, the close handler) would keep
     * the whole window reachable where the stage lives on (TestFX reuses one for every test).
     */
    @Override
    public void stop() {
        if (liveChanges != null) {
            liveChanges.stop(); // before the connection closes under it
        }
        if (uiState != null && stage != null) {
            WindowPlacement.save(stage, uiState);
            uiState.close();
        }
        forgetPlacement.run();
        if (stage != null) {
            stage.setOnCloseRequest(null);
        }
        if (connector != null) {
            connector.close();
        }
        if (executor != null) {
            executor.close();
        }
    }
}
