package io.postdesk.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id at the OWASP settings (m=19456 KiB, t=2, p=1), written as the standard PHC string
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash} that the blog's own code (and libargon2) reads.
 * Slow on purpose: call it off the FX thread.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * True when {@code password} matches an Argon2id PHC string. False for anything that is not a
     * usable Argon2id hash, including cost settings too large to check safely.
     */
    public boolean verify(String password, String phcString) {
        Parsed parsed = Parsed.of(phcString);
        if (parsed == null || password == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt, parsed.memoryKib, parsed.iterations, parsed.parallelism,
                parsed.hash.length);
        return MessageDigest.isEqual(parsed.hash, actual);
    }

    /**
     * OWASP's Password Storage Cheat Sheet lists these Argon2id settings as equally strong
     * (memory in KiB, iterations; all with p=1): more memory buys fewer iterations.
     */
    private static final int[][] OWASP_EQUIVALENTS = {{47_104, 1}, {19_456, 2}, {12_288, 3}, {9_216, 4}, {7_168, 5}};
    /** The same, for messages. */
    public static final String OWASP_MINIMUM = "m=19456 KiB with t=2, or m=47104 with t=1, m=12288 with t=3,"
            + " m=9216 with t=4, m=7168 with t=5";

    /**
     * True when a well-formed Argon2id hash's costs reach at least one of OWASP's equivalent
     * settings: its memory and its iterations both at or above that setting's. A higher p does
     * not count (it splits the same memory over more lanes). False for a malformed hash.
     */
    public static boolean meetsOwaspMinimum(String phcString) {
        Parsed parsed = Parsed.of(phcString);
        if (parsed == null) {
            return false;
        }
        for (int[] setting : OWASP_EQUIVALENTS) {
            if (parsed.memoryKib >= setting[0] && parsed.iterations >= setting[1]) {
                return true;
            }
        }
        return false;
    }

    /** True when the text is a well-formed Argon2id PHC string with sane costs (imports of existing hashes). */
    public static boolean isArgon2idHash(String text) {
        return Parsed.of(text) != null;
    }

    /** A PHC string taken apart, or null when it is malformed or its costs are out of range. */
    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        private static final int MAX_MEMORY_KIB = 1 << 20; // 1 GiB: more is an attack, not a setting
        private static final int MAX_ITERATIONS = 100;
        private static final int MAX_PARALLELISM = 64;

        static Parsed of(String text) {
            Matcher m = text == null ? null : PHC.matcher(text);
            if (m == null || !m.matches()) {
                return null;
            }
            try {
                int memory = Integer.parseInt(m.group(1));
                int iterations = Integer.parseInt(m.group(2));
                int parallelism = Integer.parseInt(m.group(3));
                byte[] salt = DECODER.decode(m.group(4));
                byte[] hash = DECODER.decode(m.group(5));
                boolean sane = parallelism >= 1 && parallelism <= MAX_PARALLELISM
                        && memory >= 8 * parallelism && memory <= MAX_MEMORY_KIB
                        && iterations >= 1 && iterations <= MAX_ITERATIONS
                        && salt.length >= 8 && hash.length >= 4;
                return sane ? new Parsed(memory, iterations, parallelism, salt, hash) : null;
            } catch (IllegalArgumentException e) { // NumberFormatException too
                return null;
            }
        }
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
