package dev.videogate.generation;

import java.security.SecureRandom;

/** Generation ids in the seed's shape, gen_<millis>_<random>, with 100 random bits so they cannot be guessed. */
public final class GenerationIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private GenerationIds() {
    }

    static String next() {
        StringBuilder id = new StringBuilder("gen_").append(System.currentTimeMillis()).append('_');
        for (int i = 0; i < 20; i++) {
            id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return id.toString();
    }

    public static boolean looksValid(String id) {
        return id != null && id.matches("gen_[0-9]{1,15}_[a-z0-9]{4,40}");
    }
}
