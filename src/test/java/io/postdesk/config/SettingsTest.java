package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void environmentBeatsDotEnv() {
        Settings settings = new Settings(Map.of("NAME", "from-env"), Map.of("NAME", "from-file"));

        assertThat(settings.get("NAME")).contains(new Settings.Value("from-env", "NAME in the environment"));
    }

    @Test
    void dotEnvIsUsedWhenEnvironmentLacksTheName() {
        Settings settings = new Settings(Map.of("OTHER", "x"), Map.of("NAME", "from-file"));

        assertThat(settings.get("NAME")).contains(new Settings.Value("from-file", "NAME in .env"));
    }

    @Test
    void blankValuesAreIgnored() {
        Settings settings = new Settings(Map.of("A", "", "B", "   ", "C", " "), Map.of("B", "file-b", "C", "\t"));

        assertThat(settings.get("A")).isEmpty();
        assertThat(settings.get("B")).contains(new Settings.Value("file-b", "B in .env"));
        assertThat(settings.get("C")).isEmpty();
    }

    @Test
    void unknownNameIsEmpty() {
        assertThat(new Settings(Map.of(), Map.of()).get("NOPE")).isEmpty();
    }

    @Test
    void constructorCopiesTheMaps() {
        var env = new java.util.HashMap<String, String>();
        Settings settings = new Settings(env, Map.of());
        env.put("LATE", "value");

        assertThat(settings.get("LATE")).isEmpty();
    }

    @Test
    void getLongParsesAndStripsAndFallsBackToDefault() {
        Settings settings = new Settings(Map.of("N", " 42 "), Map.of("M", "-7"));

        assertThat(settings.getLong("N", 1)).isEqualTo(42);
        assertThat(settings.getLong("M", 1)).isEqualTo(-7);
        assertThat(settings.getLong("UNSET", 99)).isEqualTo(99);
    }

    @Test
    void getLongWithNonNumberNamesTheVariableAndOrigin() {
        Settings settings = new Settings(Map.of(), Map.of("POSTDESK_POOL_MAX", "ten"));

        assertThatThrownBy(() -> settings.getLong("POSTDESK_POOL_MAX", 10))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("POSTDESK_POOL_MAX in .env")
                .hasMessageContaining("'ten'");
    }

    @Test
    void getLongRejectsDecimals() {
        Settings settings = new Settings(Map.of("T", "1.5"), Map.of());

        assertThatThrownBy(() -> settings.getLong("T", 0))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("T in the environment");
    }

    @Test
    void readDotEnvReadsOnlyTheFileEntries(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(".env"), String.join("\n",
                "# a comment",
                "DATABASE_URL=postgres://u:p@host/db",
                "QUOTED=\"hello world\"",
                "QUOTED_HASH=\"postgres://u:S3c#ret@h/db\"",
                "POSTDESK_POOL_MAX=4",
                ""), StandardCharsets.UTF_8);

        Map<String, String> entries = Settings.readDotEnv(folder);

        assertThat(entries).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DATABASE_URL", "postgres://u:p@host/db",
                "QUOTED", "hello world",
                "QUOTED_HASH", "postgres://u:S3c#ret@h/db",
                "POSTDESK_POOL_MAX", "4"));
        assertThat(entries).doesNotContainKey("PATH");
        for (String name : System.getenv().keySet()) {
            assertThat(entries).as("process variable %s", name).doesNotContainKey(name);
        }
    }

    @Test
    void readDotEnvWithoutFileIsEmpty(@TempDir Path folder) {
        assertThat(Settings.readDotEnv(folder)).isEmpty();
    }

    @Test
    void readDotEnvIgnoresADirectoryNamedDotEnv(@TempDir Path folder) throws IOException {
        Files.createDirectory(folder.resolve(".env"));

        assertThat(Settings.readDotEnv(folder)).isEmpty();
    }

    @Test
    void loadedDotEnvValuesReportDotEnvAsOrigin(@TempDir Path folder) throws IOException {
        String name = "POSTDESK_TEST_ONLY_" + Long.toHexString(System.nanoTime());
        Files.writeString(folder.resolve(".env"), name + "=from-file\n", StandardCharsets.UTF_8);

        Settings settings = Settings.load(folder);

        assertThat(settings.get(name)).contains(new Settings.Value("from-file", name + " in .env"));
    }
}
