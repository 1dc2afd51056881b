package dev.videogate.kie.sim;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A loopback JDK HttpServer that records callbacks and answers scripted statuses (then 200). */
final class CallbackReceiver implements AutoCloseable {

    record Received(String body, Map<String, List<String>> headers, long atMillis) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(body, Map.copyOf(ex.getRequestHeaders()), System.currentTimeMillis()));
                Integer scripted = statuses.poll();
                byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(scripted != null ? scripted : defaultStatus, answer.length);
                ex.getResponseBody().write(answer);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-callback-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/kie/callback";
    }

    /** The next answers, in order; afterwards the default status. */
    void answer(int... next) {
        for (int s : next) {
            statuses.add(s);
        }
    }

    void defaultStatus(int status) {
        defaultStatus = status;
    }

    Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until {@code n} requests arrived (or the timeout), then {@code quiet} for stragglers; returns all
     * received so far.
     */
    List<Received> await(int n, Duration timeout, Duration quiet) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (all.size() < n) {
            long left = deadline - System.nanoTime();
            Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (r == null) {
                return all;
            }
            all.add(r);
        }
        all.addAll(drain(quiet));
        return all;
    }

    /** Waits up to {@code quiet} for anything more, returning all received so far. */
    List<Received> drain(Duration quiet) throws InterruptedException {
        List<Received> all = new ArrayList<>();
        Received r;
        while ((r = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            all.add(r);
        }
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
