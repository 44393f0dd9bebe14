package io.postdesk.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version an installer carries, derived from the pom's: jpackage takes only dotted numbers
 * ({@code 0.3.0-SNAPSHOT} becomes {@code 0.3.0}), and each installer format limits them further.
 * Derived, not written twice, so the package and {@code postdesk --version} cannot drift apart.
 */
public final class PackageVersion {
    /** The installer formats' own rules: MSI's ProductVersion fields, the macOS bundle's first number. */
    public enum Platform {
        LINUX, WINDOWS, MACOS;

        public static Platform current() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            return os.startsWith("windows") ? WINDOWS : os.startsWith("mac") ? MACOS : LINUX;
        }
    }

    private static final Pattern LEADING_NUMBERS = Pattern.compile("^(\\d+)((?:\\.\\d+)*)");
    private static final int[] WINDOWS_LIMITS = {255, 255, 65535};

    private PackageVersion() {
    }

    /**
     * {@code major.minor.patch} from the pom's version: the leading dotted numbers, without a qualifier
     * ({@code -SNAPSHOT}, {@code -rc1}), cut or padded to three, leading zeros dropped.
     *
     * @throws IllegalArgumentException when the version does not start with a number, or the platform's
     *                                  installer cannot carry it (the message says what to change)
     */
    public static String of(String pomVersion, Platform platform) {
        Matcher matcher = LEADING_NUMBERS.matcher(pomVersion.strip());
        if (!matcher.find()) {
            throw new IllegalArgumentException("The version '" + pomVersion
                    + "' does not start with a number; installers need one such as 1.2.3");
        }
        List<Long> parts = new ArrayList<>();
        for (String part : matcher.group().split("\\.")) {
            if (parts.size() < 3) {
                parts.add(parse(part, pomVersion));
            }
        }
        while (parts.size() < 3) {
            parts.add(0L);
        }
        check(parts, platform, pomVersion);
        return parts.get(0) + "." + parts.get(1) + "." + parts.get(2);
    }

    private static long parse(String digits, String pomVersion) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The version '" + pomVersion + "' has a number too large for an installer");
        }
    }

    private static void check(List<Long> parts, Platform platform, String pomVersion) {
        if (platform == Platform.WINDOWS) {
            for (int i = 0; i < 3; i++) {
                if (parts.get(i) > WINDOWS_LIMITS[i]) {
                    throw new IllegalArgumentException("The version '" + pomVersion + "' cannot go into an .msi:"
                            + " Windows takes at most 255.255.65535");
                }
            }
        }
        if (platform == Platform.MACOS && parts.get(0) == 0) {
            throw new IllegalArgumentException("The version '" + pomVersion + "' cannot go into a macOS bundle:"
                    + " its first number must be at least 1");
        }
    }

    /** {@code PackageVersion POM_VERSION}: prints the version for this machine's installer. */
    public static void main(String[] args) {
        System.out.println(of(args[0], Platform.current()));
    }
}
