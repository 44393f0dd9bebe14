package io.postdesk.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with the openssl program (bcprov alone cannot write X.509
 * certificates, and bcpkix is not on the class path): a root CA, a server certificate it signed
 * for CN=localhost (subjectAltName DNS:localhost, so 127.0.0.1 does not match), and a second,
 * unrelated root CA that trusts nothing the server has. EC P-256 keys: made in milliseconds.
 *
 * @param rootCertificate  the CA that signed the server certificate (PEM)
 * @param otherRoot        a CA that did not (PEM): "certificate not trusted"
 */
public record TestCertificates(Path rootCertificate, Path otherRoot, Path serverCertificate, Path serverKey) {

    /** True when the openssl program is there (tests that need it say so when not). */
    public static boolean available() {
        return Files.isExecutable(Path.of("/usr/bin/openssl"));
    }

    public static TestCertificates make(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path ca = folder.resolve("root.crt");
        Path caKey = folder.resolve("root.key");
        Path other = folder.resolve("other-root.crt");
        Path server = folder.resolve("server.crt");
        Path serverKey = folder.resolve("server.key");
        selfSigned("PostDesk test CA", ca, caKey);
        selfSigned("Someone else's CA", other, folder.resolve("other-root.key"));
        openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", serverKey.toString(), "-out", server.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-addext", "subjectAltName=DNS:localhost", "-addext", "basicConstraints=critical,CA:FALSE"));
        return new TestCertificates(ca, other, server, serverKey);
    }

    private static void selfSigned(String name, Path certificate, Path key) {
        openssl(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=" + name));
    }

    private static void openssl(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(arguments);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("openssl " + arguments.get(0) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while openssl ran", e);
        }
    }
}
