package dev.videogate.support;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * An https endpoint on loopback that accepts connections and never answers: either it never speaks TLS (the
 * client's handshake stalls), or it completes the handshake with a throwaway certificate for 127.0.0.1, reads
 * the request, and stays silent. Counts the requests it swallowed.
 */
public final class StallingTlsServer implements AutoCloseable {

    public enum Stall { HANDSHAKE, ANSWER }

    public static final String STORE_PASSWORD = "changeit";

    private final ServerSocket server;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Thread acceptor;

    public StallingTlsServer(Stall stall) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (stall == Stall.HANDSHAKE) {
            server = new ServerSocket(0, 50, loopback);
        } else {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(keyStore().toFile())) {
                store.load(in, STORE_PASSWORD.toCharArray());
            }
            keys.init(store, STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            server = tls.getServerSocketFactory().createServerSocket(0, 50, loopback);
            ((SSLServerSocket) server).setNeedClientAuth(false);
        }
        acceptor = new Thread(() -> acceptForever(stall), "stalling-tls");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A PKCS12 store with a self-signed certificate for 127.0.0.1, made once by the JDK's keytool. */
    public static synchronized Path keyStore() throws IOException, InterruptedException {
        Path store = TestPaths.output("stalling-tls.p12");
        if (!Files.exists(store)) {
            Files.createDirectories(store.getParent());
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "stall", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                    .redirectErrorStream(true).redirectOutput(TestPaths.output("keytool.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed; see " + TestPaths.output("keytool.log"));
            }
        }
        return store;
    }

    private void acceptForever(Stall stall) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                if (stall == Stall.ANSWER) {
                    Thread reader = new Thread(() -> readAndStaySilent((SSLSocket) socket), "stalling-tls-reader");
                    reader.setDaemon(true);
                    reader.start();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void readAndStaySilent(SSLSocket socket) {
        try {
            socket.startHandshake();
            byte[] buffer = new byte[8192];
            if (socket.getInputStream().read(buffer) > 0) {
                requests.incrementAndGet();
            }
            while (socket.getInputStream().read(buffer) >= 0) {
                // swallow whatever else comes; never answer
            }
        } catch (IOException ignored) {
            // the client gave up: that is the point
        }
    }

    public String baseUrl() {
        return "https://127.0.0.1:" + server.getLocalPort() + "/api/v1";
    }

    public int requests() {
        return requests.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
