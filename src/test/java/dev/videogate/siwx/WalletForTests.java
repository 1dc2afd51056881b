package dev.videogate.siwx;

import dev.videogate.x402.PersonalSign;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.jcajce.provider.digest.Keccak;

/** An externally owned account for tests: signs text as a wallet's personal_sign does (EIP-191, low s, v 27/28). */
final class WalletForTests {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH());

    private final BigInteger key;
    final String address;

    WalletForTests(String seed) {
        this.key = new BigInteger(1, new Keccak.Digest256().digest(seed.getBytes())).mod(CURVE.getN());
        byte[] point = CURVE.getG().multiply(key).normalize().getEncoded(false);
        byte[] hash = new Keccak.Digest256().digest(Arrays.copyOfRange(point, 1, point.length));
        this.address = dev.videogate.x402.EvmAddress.parse("0x" + HexFormat.of().formatHex(hash, 12, 32)).checksummed();
    }

    String sign(String message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(key, DOMAIN));
        BigInteger[] rs = signer.generateSignature(PersonalSign.digest(message));
        BigInteger s = rs[1].compareTo(CURVE.getN().shiftRight(1)) > 0 ? CURVE.getN().subtract(rs[1]) : rs[1];
        for (int v = 27; v <= 28; v++) {
            String signature = "0x" + hex32(rs[0]) + hex32(s) + Integer.toHexString(v);
            if (PersonalSign.signer(message, signature).checksummed().equals(address)) {
                return signature;
            }
        }
        throw new IllegalStateException("no recovery id fits");
    }

    private static String hex32(BigInteger value) {
        return String.format("%064x", value);
    }
}
