package dev.videogate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.videogate.generation.HostLookups;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fetcher refuses: private addresses, non-https, other types, files over the limit, and slow links. */
class OriginFetcherTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private HostLookups lookups;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/big.mp4", ex -> {
            ex.getResponseHeaders().set("Content-Type", "video/mp4");
            ex.sendResponseHeaders(200, 5000);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[5000]);
            } catch (IOException cut) {
                // the fetcher stops reading
            }
        });
        server.createContext("/chunked.mp4", ex -> {
            ex.getResponseHeaders().set("Content-Type", "video/mp4");
            ex.sendResponseHeaders(200, 0); // no length announced
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 10; i++) {
                    out.write(new byte[1000]);
                }
            } catch (IOException cut) {
                // the fetcher stops reading
            }
        });
        server.createContext("/slow.mp4", ex -> {
            ex.getResponseHeaders().set("Content-Type", "video/mp4");
            ex.sendResponseHeaders(200, 100);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(new byte[10]);
                out.flush();
                Thread.sleep(3000);
            } catch (IOException | InterruptedException cut) {
                // the fetcher gave up
            }
        });
        server.start();
        lookups = new HostLookups(HostLookups.system(), HostLookups.Limits.defaults());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        lookups.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private OriginFetcher fetcher(long maxBytes, long deadlineMs, boolean insecure) {
        return new OriginFetcher(maxBytes, deadlineMs, 10_000, 2, insecure, lookups, () -> dir);
    }

    @Test
    void privateAddressesAndPlainHttpAreRefusedUnlessAllowed() throws Exception {
        try (OriginFetcher strict = fetcher(10_000, 5_000, false)) {
            assertThrows(java.net.MalformedURLException.class, () -> strict.fetch(url("/big.mp4")), "http");
            assertThrows(UnknownHostException.class, () -> strict.fetch("https://127.0.0.1:1/x.mp4"), "loopback");
            assertThrows(UnknownHostException.class, () -> strict.fetch("https://169.254.169.254/latest/meta-data"), "metadata service");
        }
        try (OriginFetcher open = fetcher(10_000, 5_000, true)) {
            assertEquals(5000, open.fetch(url("/big.mp4")).bytes());
        }
    }

    @Test
    void filesOverTheLimitAreRefusedAnnouncedOrNot() throws Exception {
        try (OriginFetcher small = fetcher(4000, 5_000, true)) {
            OriginFetcher.CopyRefused announced = assertThrows(OriginFetcher.CopyRefused.class, () -> small.fetch(url("/big.mp4")));
            assertTrue(announced.getMessage().contains("max-bytes"), announced.getMessage());
            assertThrows(OriginFetcher.CopyRefused.class, () -> small.fetch(url("/chunked.mp4")));
        }
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aFetchPastItsDeadlineIsCut() throws Exception {
        try (OriginFetcher hurried = fetcher(10_000, 500, true)) {
            long start = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> hurried.fetch(url("/slow.mp4")));
            assertTrue(System.nanoTime() - start < 2_500_000_000L, "cut at the deadline, not at the end of the body");
        }
    }

    @Test
    void aMissingFileIsAnExpiredLink() throws Exception {
        try (OriginFetcher open = fetcher(10_000, 5_000, true)) {
            assertThrows(OriginFetcher.OriginExpired.class, () -> open.fetch(url("/nothing.mp4")));
        }
    }
}
