package dev.videogate.support;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Test-only trust for the https component (camel.component.https.ssl-context-parameters=#class:...): the
 * throwaway certificate of {@link StallingTlsServer}, so the handshake completes and the stall is in the answer.
 */
public class TrustStallingTlsServer extends SSLContextParameters {

    public TrustStallingTlsServer() throws Exception {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + StallingTlsServer.keyStore());
        store.setPassword(StallingTlsServer.STORE_PASSWORD);
        store.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        setTrustManagers(trust);
    }
}
