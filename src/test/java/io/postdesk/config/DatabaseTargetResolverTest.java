package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseTargetResolverTest {
    private static final Path DATA = Path.of("/data/postdesk");
    private static final String CLI_URL = "postgres://cli@cli-host/clidb";
    private static final String ENV_URL = "postgres://env@env-host/envdb";
    private static final String FILE_URL = "postgres://file@file-host/filedb";

    private static DatabaseTarget.Server server(DatabaseTarget target) {
        assertThat(target).isInstanceOf(DatabaseTarget.Server.class);
        return (DatabaseTarget.Server) target;
    }

    @Test
    void commandLineBeatsEnvironmentAndDotEnv() {
        Settings settings = new Settings(Map.of("DATABASE_URL", ENV_URL), Map.of("DATABASE_URL", FILE_URL));

        DatabaseTarget.Server target = server(DatabaseTargetResolver.resolve(CLI_URL, settings, DATA));

        assertThat(target.url().host()).isEqualTo("cli-host");
        assertThat(target.origin()).isEqualTo("--database-url");
    }

    @Test
    void environmentBeatsDotEnv() {
        Settings settings = new Settings(Map.of("DATABASE_URL", ENV_URL), Map.of("DATABASE_URL", FILE_URL));

        DatabaseTarget.Server target = server(DatabaseTargetResolver.resolve(null, settings, DATA));

        assertThat(target.url().host()).isEqualTo("env-host");
        assertThat(target.origin()).isEqualTo("DATABASE_URL in the environment");
    }

    @Test
    void dotEnvIsUsedWhenNothingElseIsSet() {
        Settings settings = new Settings(Map.of(), Map.of("DATABASE_URL", FILE_URL));

        DatabaseTarget.Server target = server(DatabaseTargetResolver.resolve(null, settings, DATA));

        assertThat(target.url().host()).isEqualTo("file-host");
        assertThat(target.url().database()).isEqualTo("filedb");
        assertThat(target.origin()).isEqualTo("DATABASE_URL in .env");
        assertThat(target.displayName()).isEqualTo("file@file-host/filedb");
    }

    @Test
    void blankEnvironmentValueFallsThroughToDotEnv() {
        Settings settings = new Settings(Map.of("DATABASE_URL", "  "), Map.of("DATABASE_URL", FILE_URL));

        DatabaseTarget.Server target = server(DatabaseTargetResolver.resolve(null, settings, DATA));

        assertThat(target.url().host()).isEqualTo("file-host");
        assertThat(target.origin()).isEqualTo("DATABASE_URL in .env");
    }

    @Test
    void noUrlAnywhereMeansEmbeddedInTheDataFolder() {
        DatabaseTarget target = DatabaseTargetResolver.resolve(null, new Settings(Map.of(), Map.of()), DATA);

        assertThat(target).isEqualTo(new DatabaseTarget.Embedded(DATA));
        assertThat(((DatabaseTarget.Embedded) target).dataFolder()).isEqualTo(DATA);
        assertThat(target.displayName()).isEqualTo("embedded");
    }

    @Test
    void otherVariablesDoNotSelectAServer() {
        Settings settings = new Settings(Map.of("PGHOST", "somewhere"), Map.of("POSTDESK_POOL_MAX", "4"));

        assertThat(DatabaseTargetResolver.resolve(null, settings, DATA)).isInstanceOf(DatabaseTarget.Embedded.class);
    }

    @Test
    void invalidUrlMessageNamesItsOrigin() {
        Settings settings = new Settings(Map.of(), Map.of("DATABASE_URL", "mysql://u:S3cretPw@h/db"));

        assertThatThrownBy(() -> DatabaseTargetResolver.resolve(null, settings, DATA))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("DATABASE_URL in .env")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("S3cretPw"));
    }

    @Test
    void invalidCommandLineUrlIsReportedEvenWhenEnvironmentIsValid() {
        Settings settings = new Settings(Map.of("DATABASE_URL", ENV_URL), Map.of());

        assertThatThrownBy(() -> DatabaseTargetResolver.resolve("postgres://host:abc/db", settings, DATA))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("--database-url");
    }
}
