package io.postdesk.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UiStateTest {
    @TempDir
    Path folder;

    @Test
    void valuesSurviveARestart() {
        UiState state = UiState.load(folder);
        state.put("window.width", 1234.5);
        state.put("view", "users");
        state.save();

        UiState reloaded = UiState.load(folder);
        assertThat(reloaded.getDouble("window.width")).contains(1234.5);
        assertThat(reloaded.get("view")).contains("users");
        assertThat(folder.resolve("ui-state.properties.tmp")).doesNotExist();
    }

    @Test
    void aMissingOrBrokenFileMeansDefaults() throws Exception {
        assertThat(UiState.load(folder).get("view")).isEmpty();
        Files.writeString(folder.resolve("ui-state.properties"), "window.width=wide\n\\u00zz");
        UiState state = UiState.load(folder);
        assertThat(state.getDouble("window.width")).isEmpty();
    }

    @Test
    void aChangeIsWrittenShortlyAfterwardsWithoutAnExit() throws Exception {
        UiState state = UiState.load(folder);
        state.saveAfterChanges(java.time.Duration.ofMillis(100));
        state.put("posts.columns", "title:300,author:120");
        state.put("view", "history");

        // No close(), no save(): as if PostDesk were killed after the delay.
        org.testfx.util.WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS,
                () -> UiState.load(folder).get("view").filter("history"::equals).isPresent());
        UiState reloaded = UiState.load(folder);
        assertThat(reloaded.get("posts.columns")).contains("title:300,author:120");
        assertThat(folder.resolve("ui-state.properties.tmp")).doesNotExist();
        state.close();
    }

    @Test
    void withoutDelayedSavingNothingIsWrittenUntilSave() {
        UiState state = UiState.load(folder);
        state.put("view", "users");
        assertThat(folder.resolve("ui-state.properties")).doesNotExist();
    }
}
