package io.postdesk.config;

/**
 * What the command line asked for.
 *
 * @param databaseUrl {@code --database-url}, or null
 * @param migrate     {@code --migrate}: apply pending migrations to a server database without asking
 * @param readOnly    {@code --read-only}: open the database so that nothing can be written
 * @param connection  {@code --connection NAME}: a connection saved in File > Connect…, or null
 */
public record LaunchOptions(String databaseUrl, boolean migrate, boolean readOnly, String connection) {
    public static final LaunchOptions DEFAULTS = new LaunchOptions(null, false, false);

    public LaunchOptions(String databaseUrl, boolean migrate, boolean readOnly) {
        this(databaseUrl, migrate, readOnly, null);
    }
}
