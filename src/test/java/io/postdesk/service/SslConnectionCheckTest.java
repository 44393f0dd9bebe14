package io.postdesk.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.postdesk.config.SavedConnection;
import io.postdesk.config.SslMode;
import io.postdesk.db.ExternalServer;
import io.postdesk.db.TestCertificates;
import io.postdesk.service.ConnectionCheck.Kind;
import io.postdesk.service.ConnectionCheck.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test Connection against a real SSL server (Debian PostgreSQL 15, ssl=on, hostssl only) with a
 * certificate made at test time for CN=localhost: each SSL mode and each SSL failure named in words.
 */
class SslConnectionCheckTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PASSWORD = "Secret-Ssl-Password-7";

    @TempDir
    static Path folder;
    private static TestCertificates certificates;
    private static ExternalServer server;

    @BeforeAll
    static void start() {
        assumeTrue(ExternalServer.available(), "PostgreSQL 15 is not installed in " + ExternalServer.BINARIES);
        assumeTrue(TestCertificates.available(), "the openssl program is not installed");
        certificates = TestCertificates.make(folder.resolve("certs"));
        server = ExternalServer.startWithSsl(folder, certificates);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Result check(String host, SslMode mode, Path rootCertificate) {
        SavedConnection saved = new SavedConnection("ssl test", host, server.port(), "postgres", "postgres", mode,
                rootCertificate == null ? "" : rootCertificate.toString(), false, 2);
        // The server trusts local logins: the password is only there to show it is never repeated.
        return ConnectionCheck.test(saved.url(PASSWORD), TIMEOUT);
    }

    @Test
    void requireConnectsWithoutARootCertificate() {
        Result result = check("localhost", SslMode.REQUIRE, null);

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.NOT_POSTDESK_YET);
        assertThat(result.connected()).isTrue();
    }

    @Test
    void verifyFullWithTheRightRootCertificateConnects() {
        Result result = check("localhost", SslMode.VERIFY_FULL, certificates.rootCertificate());

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.NOT_POSTDESK_YET);
    }

    @Test
    void verifyCaWithTheRightRootCertificateConnectsEvenByAddress() {
        Result result = check("127.0.0.1", SslMode.VERIFY_CA, certificates.rootCertificate());

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.NOT_POSTDESK_YET);
    }

    @Test
    void verifyFullWithAnotherRootCertificateIsNotTrusted() {
        Result result = check("localhost", SslMode.VERIFY_FULL, certificates.otherRoot());

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.CERTIFICATE_NOT_TRUSTED);
        assertThat(result.message()).startsWith("Certificate not trusted")
                .doesNotContain(PASSWORD).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void verifyFullByAddressWhereTheCertificateNamesLocalhostIsAHostNameMismatch() {
        Result result = check("127.0.0.1", SslMode.VERIFY_FULL, certificates.rootCertificate());

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.HOST_NAME_MISMATCH);
        assertThat(result.message()).contains("127.0.0.1").contains("host name")
                .doesNotContain(PASSWORD).doesNotContain("Exception").doesNotContain("hostnameverifier");
    }

    @Test
    void disableWhereTheServerAcceptsOnlySslSaysSo() {
        Result result = check("localhost", SslMode.DISABLE, null);

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.SSL_REQUIRED);
        assertThat(result.message()).contains("only SSL").contains("disable")
                .doesNotContain(PASSWORD).doesNotContain("pg_hba");
    }

    @Test
    void aMissingRootCertificateFileIsNamed() {
        Result result = check("localhost", SslMode.VERIFY_FULL, folder.resolve("no-such-root.crt"));

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.ROOT_CERTIFICATE_PROBLEM);
        assertThat(result.message()).contains("no-such-root.crt").contains("is not there").doesNotContain(PASSWORD);
    }

    @Test
    void aRootCertificateFileThatIsNoCertificateIsNamed() throws Exception {
        Path notACertificate = Files.writeString(folder.resolve("notes.txt"), "not a certificate\n");

        Result result = check("localhost", SslMode.VERIFY_CA, notACertificate);

        assertThat(result.kind()).as(result.message()).isEqualTo(Kind.ROOT_CERTIFICATE_PROBLEM);
        assertThat(result.message()).contains("notes.txt").contains("could not be read as a certificate");
    }
}
