package dev.videogate.siwx;

/**
 * The EIP-4361 (Sign-In with Ethereum) text a wallet signs for a CAIP-122 challenge on an eip155 chain, rebuilt
 * field for field from the proof: what the official client's siwe library prepares. The proof carries the fields, not
 * the text, so the text is made again here and the signature checked against it; any field changed after signing
 * changes the text and the signature no longer recovers the wallet.
 */
final class SiweMessage {

    private SiweMessage() {
    }

    /**
     * @param address the wallet in its EIP-55 form (the library writes it so)
     * @param chain   the numeric chain id (eip155:84532 signs "Chain ID: 84532")
     */
    static String text(SiwxProof proof, String address, long chain) {
        StringBuilder text = new StringBuilder(512);
        text.append(proof.domain()).append(" wants you to sign in with your Ethereum account:\n").append(address).append('\n');
        text.append('\n');
        if (proof.statement() != null) {
            text.append(proof.statement()).append('\n').append('\n');
        } else {
            text.append('\n'); // the statement's line stays, empty (EIP-4361)
        }
        text.append("URI: ").append(proof.uri());
        text.append("\nVersion: ").append(proof.version());
        text.append("\nChain ID: ").append(chain);
        text.append("\nNonce: ").append(proof.nonce());
        text.append("\nIssued At: ").append(proof.issuedAt());
        if (proof.expirationTime() != null) {
            text.append("\nExpiration Time: ").append(proof.expirationTime());
        }
        if (proof.notBefore() != null) {
            text.append("\nNot Before: ").append(proof.notBefore());
        }
        if (proof.requestId() != null) {
            text.append("\nRequest ID: ").append(proof.requestId());
        }
        if (proof.resources() != null) {
            text.append("\nResources:");
            for (String resource : proof.resources()) {
                text.append("\n- ").append(resource);
            }
        }
        return text.toString();
    }
}
