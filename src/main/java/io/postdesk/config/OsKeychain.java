package io.postdesk.config;

import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OS keychain through java-keyring: Secret Service (GNOME Keyring, KWallet 5.97+) on Linux over
 * D-Bus, the Keychain on macOS, the Credential Manager on Windows. Entries are under the service
 * "PostDesk", one per saved connection's name.
 *
 * <p>Each call gets {@link #LIMIT}: a D-Bus session with no Secret Service can leave a call waiting,
 * and a connection must not hang on it; a keychain that does not answer counts as none.
 */
public final class OsKeychain implements Keychain {
    private static final Logger log = LoggerFactory.getLogger(OsKeychain.class);
    static final String SERVICE = "PostDesk";
    private static final long LIMIT = 5;

    private final Keyring keyring;
    private final String absence;
    private final ExecutorService calls = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "postdesk-keychain");
        thread.setDaemon(true);
        return thread;
    });

    private OsKeychain(Keyring keyring, String absence) {
        this.keyring = keyring;
        this.absence = absence;
    }

    /** Looks for this machine's keychain once (a background thread: it may talk to D-Bus); logs when there is none. */
    public static Keychain open() {
        OsKeychain probe = new OsKeychain(null, null);
        try {
            Keyring keyring = probe.within(() -> {
                Keyring created = Keyring.create();
                created.getPassword(SERVICE, "postdesk-probe"); // a locked or absent Secret Service fails here
                return created;
            });
            return new OsKeychain(keyring, null);
        } catch (Exception e) {
            String why = "No keychain is available on this machine (" + reason(e) + "): PostDesk asks for"
                    + " passwords when it connects and keeps them for this session only.";
            log.warn(why);
            probe.calls.shutdownNow();
            return Keychain.none(why);
        }
    }

    @Override
    public String absence() {
        return absence;
    }

    @Override
    public Optional<String> read(String connectionName) {
        try {
            return Optional.ofNullable(within(() -> keyring.getPassword(SERVICE, connectionName)))
                    .filter(password -> !password.isEmpty());
        } catch (Exception e) {
            // "not found" is an exception too in java-keyring
            log.debug("No keychain entry for connection {}: {}", connectionName, reason(e));
            return Optional.empty();
        }
    }

    @Override
    public void store(String connectionName, String password) {
        try {
            within(() -> {
                keyring.setPassword(SERVICE, connectionName, password);
                return null;
            });
        } catch (Exception e) {
            throw new KeychainException("The keychain did not keep the password (" + reason(e) + ").");
        }
    }

    @Override
    public void remove(String connectionName) {
        try {
            within(() -> {
                keyring.deletePassword(SERVICE, connectionName);
                return null;
            });
        } catch (Exception e) {
            log.debug("No keychain entry removed for connection {}: {}", connectionName, reason(e));
        }
    }

    private <T> T within(java.util.concurrent.Callable<T> call) throws Exception {
        Future<T> result = calls.submit(call);
        try {
            return result.get(LIMIT, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            throw new TimeoutException("the keychain did not answer within " + LIMIT + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The library's sentence, never the password (its messages name the service and account only). */
    private static String reason(Throwable e) {
        if (e instanceof BackendNotSupportedException) {
            return "no supported keychain service";
        }
        if (e instanceof PasswordAccessException) {
            return "the keychain refused: " + firstLine(e.getMessage());
        }
        return firstLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no details";
        }
        int newline = text.indexOf('\n');
        return newline >= 0 ? text.substring(0, newline) : text;
    }
}
