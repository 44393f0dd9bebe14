package io.postdesk.config;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a saved connection's password comes from, first found wins: remembered for this session,
 * the OS keychain, then a matching {@code .pgpass} line (as psql). When none has it, the window
 * asks (and may remember for the session). Nothing here writes a password to a file or a log.
 */
public final class PasswordSources {
    /** A password and where it came from ("the keychain"), for the dialog; never printed itself. */
    public record Found(String password, String source) {
        @Override
        public String toString() {
            return "password from " + source;
        }
    }

    private final java.util.function.Supplier<Keychain> keychain;
    private final PgPass pgPass;
    private final Map<String, String> session = new ConcurrentHashMap<>();

    /** {@code keychain}: looked up on first use (from a background thread). */
    public PasswordSources(java.util.function.Supplier<Keychain> keychain, PgPass pgPass) {
        this.keychain = keychain;
        this.pgPass = pgPass;
    }

    /** May block while the keychain is looked for: background thread. */
    public Keychain keychain() {
        return keychain.get();
    }

    /** May block on the keychain: background thread. */
    public Optional<Found> find(SavedConnection connection) {
        String remembered = session.get(key(connection));
        if (remembered != null) {
            return Optional.of(new Found(remembered, "this session"));
        }
        Optional<String> kept = keychain().read(connection.name());
        if (kept.isPresent()) {
            return Optional.of(new Found(kept.get(), "the keychain"));
        }
        return pgPass.find(connection.host(), connection.port(), connection.database(), connection.user())
                .map(password -> new Found(password, pgPass.file().getFileName().toString()));
    }

    /** Kept in memory until PostDesk quits. */
    public void rememberForSession(SavedConnection connection, String password) {
        session.put(key(connection), password);
    }

    public void forgetForSession(SavedConnection connection) {
        session.remove(key(connection));
    }

    /** A password typed into the dialog: into the keychain when there is one, else for the session. */
    public String keep(SavedConnection connection, String password) {
        if (keychain().available()) {
            keychain().store(connection.name(), password);
            return "the keychain";
        }
        rememberForSession(connection, password);
        return "this session";
    }

    /** A deleted or renamed connection leaves nothing behind. */
    public void forget(String connectionName) {
        session.keySet().removeIf(key -> key.startsWith(connectionName + "\u0000"));
        keychain().remove(connectionName);
    }

    /** A changed host or user must not get the old one's password. */
    private static String key(SavedConnection connection) {
        return connection.name() + "\u0000" + connection.displayName();
    }
}
