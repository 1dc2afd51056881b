package dev.videogate.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videogate.kie.sim.KieSimulator;
import dev.videogate.kie.sim.SimulatorSettings;
import dev.videogate.support.RunningGateway;
import dev.videogate.support.TestDatabase;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The observe endpoints (health details, metrics) answer on loopback only, unless the operator names another address
 * (camel.management.host, as deploy/kubernetes.yaml does for the kubelet's probes). Seen from another address of this
 * machine: refused by default, answered once opened, so the refusal is the setting's doing and not the address's.
 */
class ManagementListensOnLoopbackTest {

    static TestDatabase db;
    static KieSimulator kie;

    @BeforeAll
    static void start() throws Exception {
        db = new TestDatabase();
        kie = new KieSimulator(SimulatorSettings.defaults()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        kie.close();
        db.close();
    }

    @Test
    void byDefaultOnlyLoopbackReachesTheObserveEndpoints() throws Exception {
        InetAddress elsewhere = anotherAddressOfThisMachine();
        try (RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of())) {
            int port = managementPort(gateway);
            assertEquals(200, live(InetAddress.getLoopbackAddress(), port));
            assertThrows(IOException.class, () -> connect(elsewhere, port), "nothing listens on " + elsewhere.getHostAddress());
        }
        try (RunningGateway gateway = RunningGateway.start(db, kie.baseUrl(), kie.apiKey(), Map.of("camel.management.host", "0.0.0.0"))) {
            assertEquals(200, live(elsewhere, managementPort(gateway)), "opened by the operator");
        }
    }

    private static int managementPort(RunningGateway gateway) {
        return Integer.parseInt(gateway.context().resolvePropertyPlaceholders("{{camel.management.port}}"));
    }

    private static int live(InetAddress address, int port) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address.getHostAddress() + ":" + port + "/observe/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    /** A non-loopback IPv4 address of an interface that is up; else 127.0.0.2, which Linux answers on lo too. */
    private static InetAddress anotherAddressOfThisMachine() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address) {
                        return address;
                    }
                }
            }
        }
        return InetAddress.getByName("127.0.0.2");
    }
}
