package io.postdesk.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The saved connections, in {@code connections.properties} in the user's config folder, and the
 * name of the one used last. A properties file: readable and editable by hand, and the JDK reads it.
 * It never holds a password; the fields are written by name, so a password cannot slip in.
 * Written whole to a temporary file and moved over the old one, so a crash never leaves half a file.
 */
public final class ConnectionStore {
    public static final String FILE_NAME = "connections.properties";
    /** The built-in database's entry: always there, never saved, never edited. */
    public static final String EMBEDDED_NAME = "Embedded database";

    private final Path file;

    public ConnectionStore(Path configFolder) {
        this.file = configFolder.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /** The saved connections in the order they were saved; none when there is no file yet. */
    public synchronized List<SavedConnection> load() {
        Properties properties = read();
        List<SavedConnection> connections = new ArrayList<>();
        for (int i = 0; properties.containsKey(key(i, "name")); i++) {
            try {
                connections.add(parse(properties, i));
            } catch (RuntimeException e) {
                // one entry edited by hand into nonsense must not hide the others
                org.slf4j.LoggerFactory.getLogger(ConnectionStore.class)
                        .warn("Saved connection {} in {} is not valid and is skipped: {}", i, file, e.getMessage());
            }
        }
        return connections;
    }

    public Optional<SavedConnection> find(String name) {
        return load().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The name of the connection used last (the embedded one's included), if any. */
    public synchronized Optional<String> lastUsed() {
        return Optional.ofNullable(read().getProperty("last")).filter(name -> !name.isBlank());
    }

    public synchronized void rememberLastUsed(String name) {
        write(load(), name);
    }

    /** Saves {@code connection}, replacing the one called {@code previousName} (null: a new one). */
    public synchronized void save(String previousName, SavedConnection connection) {
        String problem = connection.problem();
        if (!problem.isEmpty()) {
            throw new ConfigurationException(problem);
        }
        List<SavedConnection> all = new ArrayList<>(load());
        boolean clash = all.stream().anyMatch(c -> c.name().equalsIgnoreCase(connection.name())
                && (previousName == null || !c.name().equalsIgnoreCase(previousName)));
        if (clash) {
            throw new ConfigurationException("A connection called \"" + connection.name() + "\" exists already.");
        }
        int at = previousName == null ? -1 : indexOf(all, previousName);
        if (at >= 0) {
            all.set(at, connection);
        } else {
            all.add(connection);
        }
        String last = lastUsed().orElse(null);
        write(all, previousName != null && previousName.equalsIgnoreCase(last) ? connection.name() : last);
    }

    public synchronized void delete(String name) {
        List<SavedConnection> all = new ArrayList<>(load());
        all.removeIf(c -> c.name().equalsIgnoreCase(name));
        String last = lastUsed().filter(l -> !l.equalsIgnoreCase(name)).orElse(null);
        write(all, last);
    }

    private static int indexOf(List<SavedConnection> all, String name) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private Properties read() {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the saved connections in " + file, e);
            }
        }
        return properties;
    }

    private void write(List<SavedConnection> connections, String last) {
        Properties properties = new Properties();
        if (last != null) {
            properties.setProperty("last", last);
        }
        for (int i = 0; i < connections.size(); i++) {
            SavedConnection c = connections.get(i);
            properties.setProperty(key(i, "name"), c.name());
            properties.setProperty(key(i, "host"), c.host());
            properties.setProperty(key(i, "port"), Integer.toString(c.port()));
            properties.setProperty(key(i, "database"), c.database());
            properties.setProperty(key(i, "user"), c.user());
            properties.setProperty(key(i, "sslmode"), c.sslMode().word());
            properties.setProperty(key(i, "sslrootcert"), c.rootCertificate());
            properties.setProperty(key(i, "readOnly"), Boolean.toString(c.readOnly()));
            properties.setProperty(key(i, "poolSize"), Integer.toString(c.poolSize()));
        }
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                ownerOnly(temporary);
                try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                    properties.store(out, "PostDesk's saved connections. No passwords: those are in the"
                            + " keychain or ~/.pgpass.");
                }
                moveOver(temporary);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the connections in " + file, e);
        }
    }

    private void moveOver(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Host names and user names are not secret, but nobody else needs to read them either. */
    private static void ownerOnly(Path path) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static SavedConnection parse(Properties p, int i) {
        return new SavedConnection(p.getProperty(key(i, "name")), p.getProperty(key(i, "host"), ""),
                Integer.parseInt(p.getProperty(key(i, "port"), "5432").strip()), p.getProperty(key(i, "database"), ""),
                p.getProperty(key(i, "user"), ""), SslMode.of(p.getProperty(key(i, "sslmode"), "prefer").strip()),
                p.getProperty(key(i, "sslrootcert"), ""), Boolean.parseBoolean(p.getProperty(key(i, "readOnly"), "false")),
                Integer.parseInt(p.getProperty(key(i, "poolSize"), Integer.toString(SavedConnection.DEFAULT_POOL_SIZE)).strip()));
    }

    private static String key(int index, String field) {
        return "connection." + index + "." + field;
    }
}
