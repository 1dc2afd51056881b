package dev.videogate.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Can a TCP connection be opened to a service (Kie.ai, the facilitator, the chain's RPC)? Asked without a request:
 * no API key sent, no credit spent. The answer is kept for a while so probes do not knock on every call.
 */
public final class Reachability {

    private final String host;
    private final int port;
    private final int timeoutMs;
    private final long keepMs;
    private volatile long checkedAt;
    private volatile String lastProblem;

    public Reachability(String url, int timeoutMs, long keepMs) {
        URI uri = URI.create(url);
        this.host = uri.getHost();
        this.port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        this.timeoutMs = timeoutMs;
        this.keepMs = keepMs;
        this.checkedAt = Long.MIN_VALUE / 2;
    }

    /** null when reachable, else why not. */
    public String problem() {
        long now = System.currentTimeMillis();
        if (now - checkedAt >= keepMs) {
            lastProblem = connect();
            checkedAt = now;
        }
        return lastProblem;
    }

    private String connect() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            return null;
        } catch (IOException e) {
            return host + ":" + port + " cannot be reached (" + e.getClass().getSimpleName() + ")";
        }
    }
}
