package io.postdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The undo script of each migration: {@code db/undo/U{version}__{description}.sql}, the description
 * as in the forward script's name (Flyway's description with its spaces as underscores); for a Java
 * migration, the description it gives Flyway ("search and sort indexes" is U3__search_and_sort_indexes.sql).
 */
final class UndoScripts {
    private static final Pattern DROP = Pattern.compile(
            "DROP\\s+(TABLE|INDEX|TRIGGER|FUNCTION|EXTENSION|VIEW|SEQUENCE|TYPE|POLICY)\\s+"
                    + "(?:CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?\"?(\\w+)", Pattern.CASE_INSENSITIVE);

    private UndoScripts() {
    }

    static String path(String version, String description) {
        return "db/undo/U" + version + "__" + description.replace(' ', '_') + ".sql";
    }

    static boolean exists(String version, String description) {
        return UndoScripts.class.getClassLoader().getResource(path(version, description)) != null;
    }

    /** The script's text; refuses when this PostDesk has no undo for the version. */
    static String read(String version, String description) {
        String path = path(version, description);
        try (InputStream in = UndoScripts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new UndoRefusedException("PostDesk has no undo script for V" + version + " " + description
                        + " (" + path + "), so it cannot take that change back.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names a script drops ("DROP TABLE postdesk_audit" gives postdesk_audit): PostDesk's own objects. */
    static Set<String> droppedNames(String script) {
        Set<String> names = new LinkedHashSet<>();
        Matcher drop = DROP.matcher(withoutComments(script));
        while (drop.find()) {
            names.add(drop.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    /** The tables a script drops (their indexes, constraints and sequences go with them). */
    static Set<String> droppedTables(String script) {
        Set<String> tables = new LinkedHashSet<>();
        Matcher drop = DROP.matcher(withoutComments(script));
        while (drop.find()) {
            if (drop.group(1).equalsIgnoreCase("TABLE")) {
                tables.add(drop.group(2).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return tables;
    }

    private static String withoutComments(String script) {
        return script.replaceAll("--[^\n]*", "");
    }
}
