package dev.videogate.x402;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/**
 * A 20-byte EVM address ({@code 0x} + 40 hex digits).
 *
 * <p>Why mixed case matters: EIP-55 encodes a checksum in the letter case. An all-lower or all-upper
 * address carries no checksum and is accepted as is; a mixed-case one must carry a valid checksum,
 * otherwise it is most likely a typo and money would go nowhere. Equality ignores case, because the
 * chain does too.
 */
public final class EvmAddress {

    private static final Pattern SHAPE = Pattern.compile("^0x[0-9a-fA-F]{40}$");
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String lower;

    private EvmAddress(String lower) {
        this.lower = lower;
    }

    /** Parses and validates an address; throws {@link IllegalArgumentException} with the reason. */
    public static EvmAddress parse(String text) {
        if (text == null || !SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an EVM address (0x + 40 hex)");
        }
        String body = text.substring(2);
        boolean mixedCase = !body.equals(body.toLowerCase(Locale.ROOT)) && !body.equals(body.toUpperCase(Locale.ROOT));
        EvmAddress address = new EvmAddress("0x" + body.toLowerCase(Locale.ROOT));
        if (mixedCase && !address.checksummed().equals(text)) {
            throw new IllegalArgumentException("'" + text + "' has an invalid EIP-55 checksum (expected " + address.checksummed() + ")");
        }
        return address;
    }

    /** True when {@link #parse} would accept the text. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The EIP-55 mixed-case form, as viem's getAddress() prints it. */
    public String checksummed() {
        String body = lower.substring(2);
        byte[] hash = keccak256(body.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(42).append("0x");
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            out.append(Character.isLetter(c) && nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** Lower-case form: the canonical key for comparisons and storage. */
    public String lowercase() {
        return lower;
    }

    public boolean sameAs(String other) {
        return other != null && lower.equalsIgnoreCase(other);
    }

    static byte[] keccak256(byte[] input) {
        return new Keccak.Digest256().digest(input);
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0x0f]).append(HEX[b & 0x0f]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvmAddress other && lower.equals(other.lower);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lower);
    }

    /** Checksummed form, so logs and JSON show what wallets show. */
    @Override
    public String toString() {
        return checksummed();
    }
}
