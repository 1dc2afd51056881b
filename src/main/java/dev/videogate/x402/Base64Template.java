package dev.videogate.x402;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Base64 of a text whose middle changes on every use and whose rest does not: a cached 402 header whose sign-in-with-x
 * nonce and times are fresh each time. The fixed head and tail are encoded once; each use encodes only the middle.
 * Base64 turns every 3 bytes into 4 characters on their own, so pieces join when each but the last is a multiple of 3
 * bytes: the head is encoded up to its last whole 3 bytes, and the tail from each of its first three offsets.
 */
public final class Base64Template {

    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private final String headBase64;
    private final byte[] headRest;
    private final String middle;
    private final byte[] tail;
    private final String[] tailBase64 = new String[3];

    private Base64Template(byte[] head, String middle, byte[] tail) {
        int whole = head.length - head.length % 3;
        this.headBase64 = ENCODER.encodeToString(Arrays.copyOf(head, whole));
        this.headRest = Arrays.copyOfRange(head, whole, head.length);
        this.middle = middle;
        this.tail = tail;
        for (int from = 0; from < 3; from++) {
            tailBase64[from] = ENCODER.encodeToString(Arrays.copyOfRange(tail, Math.min(from, tail.length), tail.length));
        }
    }

    /**
     * @param text  the whole text, marks included
     * @param marks what changes on every use: the middle runs from the first mark found to the end of the last
     */
    public static Base64Template around(String text, String... marks) {
        int start = Integer.MAX_VALUE;
        int end = -1;
        for (String mark : marks) {
            int at = text.indexOf(mark);
            if (at < 0) {
                throw new IllegalArgumentException("the text holds no " + mark);
            }
            start = Math.min(start, at);
            end = Math.max(end, text.lastIndexOf(mark) + mark.length());
        }
        if (end < 0) {
            throw new IllegalArgumentException("no mark given");
        }
        return new Base64Template(text.substring(0, start).getBytes(StandardCharsets.UTF_8), text.substring(start, end),
                text.substring(end).getBytes(StandardCharsets.UTF_8));
    }

    /** The base64 (standard alphabet, padded) of the text with its middle replaced by {@code fill(middle)}. */
    public String encode(UnaryOperator<String> fill) {
        byte[] filled = fill.apply(middle).getBytes(StandardCharsets.UTF_8);
        int length = headRest.length + filled.length;
        int borrowed = Math.min((3 - length % 3) % 3, tail.length); // tail bytes that complete the last group of 3
        byte[] piece = new byte[length + borrowed];
        System.arraycopy(headRest, 0, piece, 0, headRest.length);
        System.arraycopy(filled, 0, piece, headRest.length, filled.length);
        System.arraycopy(tail, 0, piece, length, borrowed);
        return headBase64 + ENCODER.encodeToString(piece) + tailBase64[borrowed];
    }
}
