package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHasherTest {
    private static final String PHC_PATTERN =
            "^\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]+\\$[A-Za-z0-9+/]+$";
    private static final PasswordHasher HASHER = new PasswordHasher();
    private static String correctHorseHash;

    @BeforeAll
    static void hashOnce() {
        correctHorseHash = HASHER.hash("correct horse");
    }

    @Test
    void hashIsAnArgon2idPhcStringWithOwaspParameters() {
        assertThat(correctHorseHash).matches(PHC_PATTERN);
        String[] parts = correctHorseHash.split("\\$");
        // "", "argon2id", "v=19", "m=...", salt, hash
        assertThat(parts).hasSize(6);
        assertThat(java.util.Base64.getDecoder().decode(parts[4])).hasSize(16);
        assertThat(java.util.Base64.getDecoder().decode(parts[5])).hasSize(32);
    }

    @Test
    void samePasswordHashesDifferentlyBecauseOfTheSalt() {
        assertThat(HASHER.hash("correct horse")).isNotEqualTo(correctHorseHash);
    }

    @Test
    void verifyAcceptsTheRightPassword() {
        assertThat(HASHER.verify("correct horse", correctHorseHash)).isTrue();
    }

    @Test
    void verifyRejectsAWrongPassword() {
        assertThat(HASHER.verify("correct horse ", correctHorseHash)).isFalse();
        assertThat(HASHER.verify("Correct horse", correctHorseHash)).isFalse();
        assertThat(HASHER.verify("", correctHorseHash)).isFalse();
    }

    @Test
    void verifyRejectsATamperedHash() {
        String[] parts = correctHorseHash.split("\\$");
        char first = parts[5].charAt(0);
        String tampered = correctHorseHash.substring(0, correctHorseHash.lastIndexOf('$') + 1)
                + (first == 'A' ? 'B' : 'A') + parts[5].substring(1);

        assertThat(HASHER.verify("correct horse", tampered)).isFalse();
    }

    @Test
    void nonAsciiPasswordRoundTrips() {
        String hash = HASHER.hash("pässwört-密码");

        assertThat(HASHER.verify("pässwört-密码", hash)).isTrue();
        assertThat(HASHER.verify("passwort-密码", hash)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "garbage",
        "password",
        "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
        "$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo",
        "$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA",
        "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ=$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=",
    })
    void verifyIsFalseForGarbage(String notAHash) {
        assertThat(HASHER.verify("correct horse", notAHash)).isFalse();
        assertThat(PasswordHasher.isArgon2idHash(notAHash)).isFalse();
    }

    @Test
    void isArgon2idHashRecognisesItsOwnOutput() {
        assertThat(PasswordHasher.isArgon2idHash(correctHorseHash)).isTrue();
        assertThat(PasswordHasher.isArgon2idHash(
                "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo"))
                .isTrue();
    }

    @Test
    void isArgon2idHashRejectsNullAndTrailingText() {
        assertThat(PasswordHasher.isArgon2idHash(null)).isFalse();
        assertThat(PasswordHasher.isArgon2idHash(correctHorseHash + " ")).isFalse();
        assertThat(PasswordHasher.isArgon2idHash(" " + correctHorseHash)).isFalse();
        assertThat(PasswordHasher.isArgon2idHash(correctHorseHash + "\n")).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "$argon2id$v=19$m=19456,t=2,p=1$abcde$abcdefgh",
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$AA",
        "$argon2id$v=19$m=19456,t=0,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=19456,t=2,p=0$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=99999999999,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=2000000000,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo"})
    void wellShapedButUnusableHashesAreRejectedNotThrown(String hash) {
        assertThat(PasswordHasher.isArgon2idHash(hash)).isFalse();
        assertThat(new PasswordHasher().verify("password", hash)).isFalse();
    }

    @Test
    void verifyAgainstNullIsFalse() {
        assertThat(new PasswordHasher().verify("password", null)).isFalse();
    }
}
