package dev.videogate.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One loopback connection written by hand and kept open, for clients that take their time: half a request, a byte
 * now and then, a keep-alive connection left idle. Reads answers one at a time, and how long until the server closes.
 */
public final class RawConnection implements AutoCloseable {

    /** The server closed the connection after {@code afterMs} (from the call), having sent {@code received} before. */
    public record Closed(long afterMs, String received) {
    }

    private final Socket socket;
    private final InputStream in;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    public static RawConnection open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        return new RawConnection(socket);
    }

    public RawConnection send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return this;
    }

    /** Sends one byte at a time, pausing between them, until all are sent or the server closes; returns how many went. */
    public int drip(String text, long pauseMs) throws IOException, InterruptedException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            try {
                socket.getOutputStream().write(bytes[i]);
                socket.getOutputStream().flush();
            } catch (SocketException closed) {
                return i;
            }
            if (in.available() > 0) {
                return i + 1; // the server answered (and is closing)
            }
            Thread.sleep(pauseMs);
        }
        return bytes.length;
    }

    /** One answer (head, then a Content-Length or chunked body), within timeoutMs; the connection stays as the server left it. */
    public RawHttp.Answer readAnswer(long timeoutMs) throws IOException {
        socket.setSoTimeout((int) timeoutMs);
        String head = readHead();
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        String body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(readLine().trim(), 16)) > 0; ) {
                out.write(in.readNBytes(size));
                readLine();
            }
            readLine();
            body = out.toString(StandardCharsets.UTF_8);
        } else {
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return new RawHttp.Answer(status, headers, body);
    }

    /** Waits for the server to close (end of stream or reset), at most maxMs; fails if it is still open then. */
    public Closed awaitClose(long maxMs) throws IOException {
        long started = System.nanoTime();
        socket.setSoTimeout((int) maxMs);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open after " + maxMs + " ms; received: "
                    + received.toString(StandardCharsets.UTF_8));
        } catch (SocketException reset) {
            // closed with a reset: closed all the same
        }
        return new Closed((System.nanoTime() - started) / 1_000_000, received.toString(StandardCharsets.UTF_8));
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line; !(line = readLine()).isEmpty(); ) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new IOException("the connection closed mid-answer: " + line.toString(StandardCharsets.UTF_8));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
