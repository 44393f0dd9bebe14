package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved connections: save, load, edit, delete, last used, and never a password in the file. */
class ConnectionStoreTest {
    @TempDir
    Path folder;

    private static SavedConnection staging() {
        return new SavedConnection("staging", "db.example.org", 6432, "blog", "editor", SslMode.VERIFY_FULL,
                "/etc/ssl/blog-ca.pem", true, 4);
    }

    @Test
    void savedConnectionsComeBackAsSaved() {
        ConnectionStore store = new ConnectionStore(folder);
        assertThat(store.load()).isEmpty();

        store.save(null, staging());
        store.save(null, staging().named("production"));

        assertThat(new ConnectionStore(folder).load()).containsExactly(staging(), staging().named("production"));
    }

    @Test
    void editingReplacesInPlaceAndDeletingRemoves() {
        ConnectionStore store = new ConnectionStore(folder);
        store.save(null, staging());
        store.save(null, staging().named("production"));

        store.save("staging", staging().named("stage"));
        assertThat(store.load()).extracting(SavedConnection::name).containsExactly("stage", "production");

        store.delete("stage");
        assertThat(store.load()).extracting(SavedConnection::name).containsExactly("production");
    }

    @Test
    void theLastUsedIsRememberedAndFollowsARename() {
        ConnectionStore store = new ConnectionStore(folder);
        store.save(null, staging());
        store.rememberLastUsed("staging");
        store.save("staging", staging().named("stage"));

        assertThat(new ConnectionStore(folder).lastUsed()).contains("stage");
        store.delete("stage");
        assertThat(store.lastUsed()).isEmpty();
    }

    @Test
    void twoConnectionsCannotShareANameNorTakeTheEmbeddedOne() {
        ConnectionStore store = new ConnectionStore(folder);
        store.save(null, staging());
        assertThatThrownBy(() -> store.save(null, staging().named("STAGING")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("exists already");
        assertThatThrownBy(() -> store.save(null, staging().named(ConnectionStore.EMBEDDED_NAME)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("built-in");
        assertThatThrownBy(() -> store.save(null, new SavedConnection("x", "h", 70000, "db", "", SslMode.PREFER, "",
                false, 5))).hasMessageContaining("port");
    }

    @Test
    void theFileHoldsNoPasswordAndOnlyItsOwnerMayReadIt() throws Exception {
        String password = "s3cret-Pa55word";
        DatabaseUrl pasted = DatabaseUrlParser.parse("postgres://editor:" + password + "@db.example.org:6432/blog"
                + "?sslmode=require", "test");
        ConnectionStore store = new ConnectionStore(folder);
        store.save(null, SavedConnection.fromUrl("pasted", pasted));

        byte[] bytes = Files.readAllBytes(store.file());
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain(password).doesNotContainIgnoringCase("password=")
                .contains("db.example.org");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void aPastedUrlFillsEveryField() {
        DatabaseUrl url = DatabaseUrlParser.parse("postgresql://ann:pw@db.example.org:6543/blog?sslmode=verify-ca"
                + "&sslrootcert=/tmp/ca.pem", "the pasted URL");

        SavedConnection filled = SavedConnection.fromUrl("blog", url);

        assertThat(filled).isEqualTo(new SavedConnection("blog", "db.example.org", 6543, "blog", "ann",
                SslMode.VERIFY_CA, "/tmp/ca.pem", false, SavedConnection.DEFAULT_POOL_SIZE));
        assertThat(filled.url("pw").jdbcUrl()).isEqualTo(
                "jdbc:postgresql://db.example.org:6543/blog?sslmode=verify-ca&sslrootcert=%2Ftmp%2Fca.pem");
        assertThat(filled.toString()).doesNotContain("pw@");
    }

    @Test
    void aPastedUrlThatIsNotOneSaysWhyWithoutRepeatingIt() {
        assertThatThrownBy(() -> DatabaseUrlParser.parse("mysql://ann:hunter2@h/db", "the pasted URL"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("not PostgreSQL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aBrokenEntryIsSkippedAndTheOthersStillLoad() throws Exception {
        ConnectionStore store = new ConnectionStore(folder);
        store.save(null, staging());
        store.save(null, staging().named("production"));
        String text = Files.readString(store.file()).replace("connection.0.port=6432", "connection.0.port=abc");
        Files.writeString(store.file(), text);

        assertThat(store.load()).extracting(SavedConnection::name).containsExactly("production");
    }

    @Test
    void theConfigFolderFollowsXdgAndTheOverrides() {
        Path home = Path.of("/home/ann");
        assertThat(DataFolders.resolveConfig("Linux", java.util.Map.of(), home)).isEqualTo(home.resolve(".config/postdesk"));
        assertThat(DataFolders.resolveConfig("Linux", java.util.Map.of("POSTDESK_DATA_DIR", "/tmp/d"), home))
                .isEqualTo(Path.of("/tmp/d"));
        assertThat(DataFolders.resolveConfig("Linux", java.util.Map.of("POSTDESK_DATA_DIR", "/tmp/d",
                "POSTDESK_CONFIG_DIR", "/tmp/c"), home)).isEqualTo(Path.of("/tmp/c"));
    }
}
