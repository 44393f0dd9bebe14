package io.postdesk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keychain where this machine has one (a round trip), and its absence reported in words where
 * it has none: never skipped silently. Either way, the password sources fall back as documented.
 */
class KeychainTest {
    @TempDir
    Path folder;

    private static final SavedConnection STAGING = new SavedConnection("keychain-test-" + UUID.randomUUID(),
            "db.example.org", 5432, "blog", "editor", SslMode.PREFER, "", false, 5);

    @Test
    void theMachinesKeychainKeepsAPasswordOrItsAbsenceIsSaid() {
        Keychain keychain = OsKeychain.open();
        if (keychain.available()) {
            System.out.println("KeychainTest: this machine has a keychain; testing a round trip.");
            keychain.store(STAGING.name(), "round-trip");
            try {
                assertThat(keychain.read(STAGING.name())).contains("round-trip");
            } finally {
                keychain.remove(STAGING.name());
            }
            assertThat(keychain.read(STAGING.name())).isEmpty();
        } else {
            System.out.println("KeychainTest: NO KEYCHAIN on this machine: " + keychain.absence());
            assertThat(keychain.absence()).startsWith("No keychain is available on this machine (")
                    .contains("keeps them for this session only");
            assertThatThrownBy(() -> keychain.store(STAGING.name(), "x")).isInstanceOf(Keychain.KeychainException.class)
                    .hasMessageNotContaining("x\"");
        }
    }

    @Test
    void withoutAKeychainATypedPasswordIsKeptForTheSessionOnly() throws Exception {
        PasswordSources sources = new PasswordSources(() -> Keychain.none("none here"), new PgPass(folder.resolve("none")));

        assertThat(sources.find(STAGING)).isEmpty();
        assertThat(sources.keep(STAGING, "typed")).isEqualTo("this session");
        assertThat(sources.find(STAGING)).get().extracting(PasswordSources.Found::source).isEqualTo("this session");
        assertThat(sources.find(STAGING).orElseThrow().toString()).doesNotContain("typed");

        // the same name pointing elsewhere does not get it
        assertThat(sources.find(new SavedConnection(STAGING.name(), "other.example.org", 5432, "blog", "editor",
                SslMode.PREFER, "", false, 5))).isEmpty();
        sources.forget(STAGING.name());
        assertThat(sources.find(STAGING)).isEmpty();
    }

    @Test
    void aPgpassLineIsUsedWhenNothingIsSaved() throws Exception {
        Path pgpass = folder.resolve(".pgpass");
        java.nio.file.Files.writeString(pgpass, "db.example.org:5432:blog:editor:from-pgpass\n");
        java.nio.file.Files.setPosixFilePermissions(pgpass, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        PasswordSources sources = new PasswordSources(() -> Keychain.none("none here"), new PgPass(pgpass));

        PasswordSources.Found found = sources.find(STAGING).orElseThrow();
        assertThat(found.password()).isEqualTo("from-pgpass");
        assertThat(found.source()).isEqualTo(".pgpass");
    }
}
