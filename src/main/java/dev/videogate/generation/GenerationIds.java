package dev.videogate.generation;

import java.security.SecureRandom;

/** Generation ids in the seed's shape, gen_<millis>_<random>, with 100 random bits so they cannot be guessed. */
public final class GenerationIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private GenerationIds() {
    }

    /**
     * 20 characters of 36, each drawn without bias from one read of random bytes (a byte of 252 or more is skipped:
     * 252 = 7 x 36), so a request asks the system's random source once, not once per character.
     */
    static String next() {
        StringBuilder id = new StringBuilder(45).append("gen_").append(System.currentTimeMillis()).append('_');
        byte[] random = new byte[32];
        int used = random.length;
        for (int chars = 0; chars < 20; ) {
            if (used == random.length) {
                RANDOM.nextBytes(random);
                used = 0;
            }
            int b = random[used++] & 0xff;
            if (b < 252) {
                id.append(ALPHABET[b % ALPHABET.length]);
                chars++;
            }
        }
        return id.toString();
    }

    public static boolean looksValid(String id) {
        return id != null && id.matches("gen_[0-9]{1,15}_[a-z0-9]{4,40}");
    }
}
