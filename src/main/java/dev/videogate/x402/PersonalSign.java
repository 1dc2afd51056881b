package dev.videogate.x402;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * EIP-191 "personal_sign" signatures of an externally owned account (what a wallet's signMessage makes): the signer's
 * address is recovered from the 65-byte (r, s, v) secp256k1 signature of
 * keccak256("\x19Ethereum Signed Message:\n" + byte length + message), as the chain itself would (ecrecover).
 *
 * <p>Why recovery and not "verify against a key": an Ethereum account is known by its address only, so the public key
 * is what the signature gives back; the signature is the account's when the recovered address is the claimed one.
 * High-s signatures are refused (EIP-2: each signature has one accepted form). Smart-contract wallets (EIP-1271, EIP-6492)
 * sign differently and are not recognised here.
 */
public final class PersonalSign {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    private PersonalSign() {
    }

    /** The EIP-191 digest of a text message, as wallets sign it. */
    public static byte[] digest(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = ("\u0019Ethereum Signed Message:\n" + bytes.length).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(prefix, prefix.length + bytes.length);
        System.arraycopy(bytes, 0, all, prefix.length, bytes.length);
        return EvmAddress.keccak256(all);
    }

    /**
     * The address that signed the message, from a 0x-prefixed 65-byte hex signature (v = 27/28, or 0/1).
     *
     * @throws IllegalArgumentException when the signature is not of that shape or recovers no key
     */
    public static EvmAddress signer(String message, String signatureHex) {
        byte[] sig = hex(signatureHex);
        if (sig.length != 65) {
            throw new IllegalArgumentException("a signature is 65 bytes (r, s, v), this one is " + sig.length);
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(sig, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(sig, 32, 64));
        int v = sig[64] & 0xff;
        int parity = v >= 27 ? v - 27 : v;
        if (parity != 0 && parity != 1) {
            throw new IllegalArgumentException("v must be 27 or 28 (or 0 or 1), is " + v);
        }
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(HALF_N) > 0) {
            throw new IllegalArgumentException("r or s out of range (high s is refused)");
        }
        return EvmAddress.parse("0x" + EvmAddress.hex(addressOf(recoverKey(digest(message), r, s, parity))));
    }

    /** SEC 1 v2 section 4.1.6: Q = r^-1 (sR - eG), R the curve point of x = r whose y has the given parity. */
    private static ECPoint recoverKey(byte[] hash, BigInteger r, BigInteger s, int parity) {
        if (r.compareTo(CURVE.getCurve().getField().getCharacteristic()) >= 0) {
            throw new IllegalArgumentException("r is not an x coordinate");
        }
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (parity == 0 ? 0x02 : 0x03);
        byte[] x = r.toByteArray();
        int copy = Math.min(32, x.length);
        System.arraycopy(x, x.length - copy, compressed, 33 - copy, copy);
        ECPoint bigR;
        try {
            bigR = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("r is not on the curve");
        }
        BigInteger e = new BigInteger(1, hash);
        BigInteger rInv = r.modInverse(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), e.negate().mod(N).multiply(rInv).mod(N),
                bigR, s.multiply(rInv).mod(N)).normalize();
        if (q.isInfinity()) {
            throw new IllegalArgumentException("the signature recovers no key");
        }
        return q;
    }

    /** The account of a public key: the last 20 bytes of keccak256 of its 64-byte (x, y) encoding. */
    private static byte[] addressOf(ECPoint key) {
        byte[] encoded = key.getEncoded(false); // 0x04 || x || y
        byte[] hash = EvmAddress.keccak256(Arrays.copyOfRange(encoded, 1, encoded.length));
        return Arrays.copyOfRange(hash, 12, 32);
    }

    private static byte[] hex(String text) {
        if (text == null || !text.matches("0x([0-9a-fA-F]{2})+")) {
            throw new IllegalArgumentException("a signature is 0x-prefixed hex");
        }
        return java.util.HexFormat.of().parseHex(text.substring(2));
    }
}
