package dev.videogate.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on a loopback socket, written by hand so it can answer as no honest server does: at once
 * (204), one byte at a time, with a body or headers that never end. It records what each request carried and when
 * the sender let go of the connection, so a test sees both what went out and how long the sender was held.
 */
final class LoopbackReceiver implements AutoCloseable {

    enum Answer {
        /** 204 at once. */
        NO_CONTENT,
        /** a 200 whose status line and headers come one byte every 500 ms: never complete in any deadline. */
        DRIP,
        /** 200 and a chunked body as fast as the sender takes it, for 30 s or 512 MB at most. */
        ENDLESS_BODY,
        /** 200 and header lines as fast as the sender takes them, for 30 s or 512 MB at most. */
        ENDLESS_HEADERS
    }

    /** One request: its line, headers (names lower-cased), body, when it came and when the sender closed the connection. */
    static final class Seen {
        final long arrivedAt = System.currentTimeMillis();
        final String requestLine;
        final Map<String, String> headers;
        final String body;
        volatile long closedAt;
        volatile long bytesAnswered;

        Seen(String requestLine, Map<String, String> headers, String body) {
            this.requestLine = requestLine;
            this.headers = headers;
            this.body = body;
        }

        boolean closed() {
            return closedAt != 0;
        }
    }

    private static final long STREAM_FOR_MS = 30_000;
    private static final long STREAM_AT_MOST = 512L << 20;

    private final ServerSocket server;
    private final Answer answer;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    LoopbackReceiver(Answer answer) throws IOException {
        this.answer = answer;
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread acceptor = new Thread(this::acceptForever, "receiver-" + answer);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int port() {
        return server.getLocalPort();
    }

    List<Seen> seen() {
        return seen;
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread worker = new Thread(() -> serve(socket), "receiver-" + answer + "-connection");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Seen request = null;
        try (socket) {
            request = read(socket.getInputStream());
            seen.add(request);
            answer(socket.getOutputStream(), request);
            // the sender may still be reading: the connection is closed when it lets go (read returns -1 or fails)
            socket.setSoTimeout(60_000);
            while (socket.getInputStream().read() >= 0) {
                // nothing more is expected
            }
        } catch (IOException senderLetGo) {
            // the sender closed or reset the connection: what the test measures
        } finally {
            if (request != null) {
                request.closedAt = System.currentTimeMillis();
            }
        }
    }

    private void answer(OutputStream out, Seen request) throws IOException {
        long until = System.currentTimeMillis() + STREAM_FOR_MS;
        switch (answer) {
            case NO_CONTENT -> out.write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            case DRIP -> {
                byte[] slow = ("HTTP/1.1 200 OK\r\nX-Slow: " + "a".repeat(1000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                for (byte b : slow) {
                    out.write(b);
                    out.flush();
                    request.bytesAnswered++;
                    sleep(500);
                }
            }
            case ENDLESS_BODY -> {
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (System.currentTimeMillis() < until && request.bytesAnswered < STREAM_AT_MOST) {
                    out.write(chunk);
                    request.bytesAnswered += chunk.length;
                }
            }
            case ENDLESS_HEADERS -> {
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                for (long n = 0; System.currentTimeMillis() < until && request.bytesAnswered < STREAM_AT_MOST; n++) {
                    byte[] line = ("X-Pad-" + n + ": " + "y".repeat(1000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                    out.write(line);
                    request.bytesAnswered += line.length;
                }
            }
        }
        out.flush();
    }

    private static Seen read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the sender closed before the request's end");
            }
            head.write(b);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        return new Seen(lines[0], headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
