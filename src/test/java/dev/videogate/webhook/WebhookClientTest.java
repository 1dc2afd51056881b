package dev.videogate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.videogate.generation.HostLookups;
import dev.videogate.generation.MediaUrls;
import dev.videogate.support.StallingTlsServer;
import dev.videogate.support.TestPaths;
import dev.videogate.webhook.LoopbackReceiver.Answer;
import dev.videogate.webhook.LoopbackReceiver.Seen;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MalformedURLException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.Test;

/**
 * The webhook client against real receivers on loopback, with a name lookup the test controls: the name is looked up
 * once, and the connection goes to the address that was checked, whatever a second lookup would say; TLS is still
 * verified against the name; a stalled handshake ends at the delivery's deadline.
 */
class WebhookClientTest {

    private static final String PASSWORD = "changeit";
    private static final WebhookMessage MESSAGE = new WebhookMessage(null, "msg_0123456789abcdef0123456789abcdef", 1_800_000_000L,
            "v1,c2lnbmF0dXJl", "{\"generationId\":\"gen_1\"}");

    /** A lookup that answers 127.0.0.1 the first time and 127.0.0.2 after: what a rebinding name does. */
    private static final class RebindingLookup implements ReceiverAddresses.Lookup {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        public InetAddress[] addresses(String host) throws UnknownHostException {
            asked.add(host);
            return new InetAddress[] {InetAddress.getByName(asked.size() == 1 ? "127.0.0.1" : "127.0.0.2")};
        }
    }

    private static final Predicate<InetAddress> ONLY_127_0_0_1 = address -> address.getHostAddress().equals("127.0.0.1");

    /** A receiver whose name server never answers holds its sender for the lookups' timeout, not the resolver's own. */
    @Test
    void aSilentNameServerEndsTheAttemptAtTheLookupTimeout() throws Exception {
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        HostLookups.Resolver silent = host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        };
        HostLookups.Limits limits = new HostLookups.Limits(2, 4, java.time.Duration.ofMillis(500),
                java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10), 100);
        try (HostLookups lookups = new HostLookups(silent, limits); WebhookClient client = new WebhookClient(10_000, 2, false, lookups)) {
            long start = System.nanoTime();
            UnknownHostException refused = assertThrows(UnknownHostException.class, () -> client.send(at("https://silent.example/hook")));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(refused.getMessage().contains("timed_out"), refused.getMessage());
            assertTrue(tookMs < 5_000, "held " + tookMs + " ms, not about the lookup timeout of 500 ms");
        } finally {
            never.countDown();
        }
    }

    @Test
    void theNameIsLookedUpOnceAndTheConnectionGoesToTheCheckedAddress() throws Exception {
        RebindingLookup lookup = new RebindingLookup();
        try (LoopbackReceiver receiver = new LoopbackReceiver(Answer.NO_CONTENT);
             WebhookClient client = client(2000, true, new ReceiverAddresses(lookup, ONLY_127_0_0_1, "checked"))) {
            // a trailing dot and capitals: the name checked is the name sent, once
            String url = "http://Hook.Example.:" + receiver.port() + "/in?tenant=7";
            assertEquals(204, client.send(at(url)));
            assertEquals(List.of("hook.example"), lookup.asked, "looked up once, in its plain spelling");
            Seen seen = receiver.seen().get(0);
            assertEquals("POST /in?tenant=7 HTTP/1.1", seen.requestLine);
            assertEquals("hook.example:" + receiver.port(), seen.headers.get("host"));
            assertEquals(MESSAGE.body(), seen.body);
            // the next delivery looks up again (127.0.0.2 now), is checked again, and is refused before connecting
            assertThrows(UnknownHostException.class, () -> client.send(at(url)));
            assertEquals(1, receiver.seen().size());
        }
    }

    @Test
    void aNameWithANonPublicAddressIsRefusedBeforeAnyConnection() throws Exception {
        try (LoopbackReceiver receiver = new LoopbackReceiver(Answer.NO_CONTENT)) {
            String path = ":" + receiver.port() + "/hook";
            ReceiverAddresses.Lookup mixed = host -> new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")};
            try (WebhookClient client = client(2000, false, new ReceiverAddresses(mixed, MediaUrls::isPublicAddress, "public"))) {
                UnknownHostException refused = assertThrows(UnknownHostException.class, () -> client.send(at("https://rebind.example" + path)));
                assertTrue(refused.getMessage().contains("non-public address (127.0.0.1)"), refused.getMessage());
                assertThrows(MalformedURLException.class, () -> client.send(at("http://rebind.example" + path)), "https only");
                assertThrows(MalformedURLException.class, () -> client.send(at("https://user:pw@rebind.example" + path)));
            }
            try (HostLookups lookups = new HostLookups(HostLookups.system(), HostLookups.Limits.defaults());
                 WebhookClient client = new WebhookClient(2000, 2, false, lookups)) {
                for (String host : List.of("127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "2130706433", "localhost.")) {
                    assertThrows(UnknownHostException.class, () -> client.send(at("https://" + host + path)), host);
                }
            }
            assertEquals(0, receiver.seen().size(), "nothing reached the loopback receiver");
        }
    }

    @Test
    void tlsIsVerifiedAgainstTheNameNotTheCheckedAddress() throws Exception {
        SSLContext serverTls = tls(true);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        List<String> hosts = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            try (exchange) {
                hosts.add(exchange.getRequestHeaders().getFirst("Host"));
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
        ReceiverAddresses.Lookup loopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        try (WebhookClient client = new WebhookClient(3000, 2, false, new ReceiverAddresses(loopback, ONLY_127_0_0_1, "checked"),
                new DefaultClientTlsStrategy(tls(false)))) {
            int port = server.getAddress().getPort();
            assertEquals(204, client.send(at("https://hook.test.:" + port + "/hook")), "the certificate's name, trailing dot or not");
            assertEquals(List.of("hook.test:" + port), hosts);
            assertThrows(SSLException.class, () -> client.send(at("https://other.test:" + port + "/hook")),
                    "the same address under another name: the certificate does not match");
            assertEquals(1, hosts.size());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStalledTlsHandshakeEndsAtTheDeadline() throws Exception {
        ReceiverAddresses.Lookup loopback = host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")};
        try (StallingTlsServer stalling = new StallingTlsServer(StallingTlsServer.Stall.HANDSHAKE);
             WebhookClient client = client(1000, false, new ReceiverAddresses(loopback, ONLY_127_0_0_1, "checked"))) {
            int port = Integer.parseInt(stalling.baseUrl().replaceAll(".*:(\\d+)/.*", "$1"));
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> client.send(at("https://stall.test:" + port + "/hook")));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs >= 900 && tookMs < 2500, "took " + tookMs + " ms");
        }
    }

    private static WebhookClient client(long deadlineMs, boolean allowHttp, ReceiverAddresses addresses) {
        return new WebhookClient(deadlineMs, 2, allowHttp, addresses, DefaultClientTlsStrategy.createDefault());
    }

    private static WebhookMessage at(String url) {
        return new WebhookMessage(url, MESSAGE.id(), MESSAGE.timestamp(), MESSAGE.signature(), MESSAGE.body());
    }

    /** Server side: a throwaway certificate for the name hook.test; client side: trust in just that certificate. */
    private static SSLContext tls(boolean server) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore().toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        SSLContext tls = SSLContext.getInstance("TLS");
        if (server) {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, PASSWORD.toCharArray());
            tls.init(keys.getKeyManagers(), null, null);
        } else {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            tls.init(null, trust.getTrustManagers(), null);
        }
        return tls;
    }

    private static synchronized Path keyStore() throws IOException, InterruptedException {
        Path store = TestPaths.output("webhook-hook-test.p12");
        if (!Files.exists(store)) {
            Files.createDirectories(store.getParent());
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "hook", "-keyalg", "RSA", "-keysize", "2048",
                    "-dname", "CN=hook.test", "-ext", "SAN=dns:hook.test", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).redirectOutput(TestPaths.output("keytool-webhook.log").toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed; see " + TestPaths.output("keytool-webhook.log"));
            }
        }
        return store;
    }
}
