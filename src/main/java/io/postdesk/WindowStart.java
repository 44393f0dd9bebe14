package io.postdesk;

import io.postdesk.config.ConnectionStore;
import io.postdesk.config.DataFolders;
import io.postdesk.config.DatabaseTarget;
import io.postdesk.config.DatabaseTargetResolver;
import io.postdesk.config.LaunchOptions;
import io.postdesk.config.PoolSettings;
import io.postdesk.config.Settings;
import io.postdesk.model.PageRequest;
import io.postdesk.model.PostFilter;
import io.postdesk.model.PostSort;
import io.postdesk.model.StartupTimes;
import io.postdesk.service.Workspace;
import io.postdesk.ui.EarlyOpening;
import io.postdesk.ui.common.BrowseTable;
import io.postdesk.ui.common.Pager;
import io.postdesk.ui.common.UiState;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.application.Application;

/**
 * The window's launch from {@code Launcher.main}: the database begins to open on a thread of its own
 * before the JavaFX toolkit starts (about 0.4 s), beside it and the window's build, and the {@link App}
 * takes that opening over (docs/PERFORMANCE.md, "startup"). Not when the window first asks which saved
 * connection to open.
 *
 * <p>A class apart from {@link App} so that launching does not initialise App (its logger) while
 * logging is still being configured in the background: a logger asked for then is replayed later with
 * a three-line SLF4J warning on stderr.
 */
final class WindowStart {
    /**
     * What {@link #launch} hands to the App that {@link Application#launch} builds: JavaFX builds it
     * with no arguments, so the hand-over is a field, set once before the launch and taken once.
     */
    record Handoff(Settings settings, StartupTimes times, EarlyOpening early) {
    }

    private static final AtomicReference<Handoff> LAUNCHED = new AtomicReference<>();

    private WindowStart() {
    }

    /**
     * Opens the window and returns when it has closed.
     *
     * @param loggingInit the thread configuring logging (the opening waits for it before it logs), or null
     */
    static void launch(String[] args, LaunchOptions options, Thread loggingInit) {
        StartupTimes times = StartupTimes.sinceJvmStart();
        Settings settings = Settings.load(Path.of("").toAbsolutePath());
        EarlyOpening opening = beginOpening(options, settings, DataFolders.forThisUser(),
                DataFolders.configForThisUser(), times, () -> awaitQuietly(loggingInit));
        LAUNCHED.set(new Handoff(settings, times, opening));
        try {
            Application.launch(App.class, args);
        } finally {
            if (opening != null) {
                opening.closeIfNotTaken();
            }
        }
    }

    /** The launch's hand-over, once; without a launch (the App started otherwise), settings read now. */
    static Handoff take() {
        Handoff given = LAUNCHED.getAndSet(null);
        return given != null ? given
                : new Handoff(Settings.load(Path.of("").toAbsolutePath()), StartupTimes.sinceJvmStart(), null);
    }

    /**
     * The opening a window with these settings begins at once (after {@code first}, on its thread), or null
     * when the window asks first (saved connections and no URL).
     */
    static EarlyOpening beginOpening(LaunchOptions options, Settings settings, Path dataFolder, Path configFolder,
                                     StartupTimes times, Runnable first) {
        DatabaseTarget target = DatabaseTargetResolver.resolve(options.databaseUrl(), settings, dataFolder);
        if (asksFirst(options.connection(), target, new ConnectionStore(configFolder))) {
            return null;
        }
        return EarlyOpening.begin(target, PoolSettings.from(settings), options, times, first,
                postsFirstPage(dataFolder));
    }

    /**
     * --connection NAME: that saved connection, through the connections dialog. Else a URL given
     * (--database-url, DATABASE_URL) wins; without one, saved connections are offered first.
     */
    static boolean asksFirst(String savedName, DatabaseTarget target, ConnectionStore store) {
        return savedName != null || target instanceof DatabaseTarget.Embedded && hasSavedConnections(store);
    }

    /**
     * The posts view's first page as the view will ask for it (no filter, newest first, the saved page
     * size), read on the opening's thread while the FX thread builds the views: the page is there when
     * the database is ready instead of a query after it.
     */
    static Consumer<Workspace> postsFirstPage(Path dataFolder) {
        return workspace -> {
            int size = BrowseTable.savedPageSize(UiState.load(dataFolder), "posts").orElse(Pager.DEFAULT_PAGE_SIZE);
            workspace.posts().readAhead(PostFilter.NONE, PostSort.NEWEST_FIRST, new PageRequest.First(size));
        };
    }

    /** False, with a log line, when the file cannot be read: the window still opens (embedded). */
    private static boolean hasSavedConnections(ConnectionStore store) {
        try {
            return !store.load().isEmpty();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(WindowStart.class).warn("The saved connections cannot be read: {}",
                    e.getMessage());
            return false;
        }
    }

    private static void awaitQuietly(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
