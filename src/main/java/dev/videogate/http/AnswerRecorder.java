package dev.videogate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Test instrument, off unless system property {@value #PROPERTY} names a file (the build's surefire sets it): every
 * answer the HTTP server writes, whoever wrote it (a route, the front door, the long-poll handler, Vert.x's refusal of
 * an invalid request), is appended there as one JSON line (when, method, path with query, status, Content-Type, the body up
 * to {@value #BODY_CAP} bytes when it is text), so the contract tests can hold each one against the OpenAPI document.
 * It sits on the wire (a netty handler next to Vert.x's own on each connection): no client, route or writer is
 * trusted to report its answers. Lines are written by a thread of its own, never on an event loop.
 */
public final class AnswerRecorder extends ChannelDuplexHandler {

    public static final String PROPERTY = "videogate.answers.record";
    static final int BODY_CAP = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LinkedBlockingQueue<Object> LINES = new LinkedBlockingQueue<>();
    private static Thread writer;

    private final ArrayDeque<String[]> requests = new ArrayDeque<>(); // method, uri; answered in order (HTTP/1.1)
    private ObjectNode answer;
    private ByteArrayOutputStream body;

    /** For {@code HttpServer.connectionHandler}: records this connection's answers, when recording is on. */
    public static void install(HttpConnection connection) {
        if (System.getProperty(PROPERTY) == null || !(connection instanceof ConnectionBase base)) {
            return;
        }
        Channel channel = base.channel();
        if (channel.eventLoop().inEventLoop()) {
            addTo(channel);
        } else {
            channel.eventLoop().execute(() -> addTo(channel));
        }
    }

    private static void addTo(Channel channel) {
        if (channel.isActive() && channel.pipeline().get("handler") != null && channel.pipeline().get(AnswerRecorder.class) == null) {
            channel.pipeline().addBefore("handler", "answerRecorder", new AnswerRecorder());
        }
    }

    /** Waits until every answer recorded so far is in the file (for the test run's end). */
    public static void flush() throws InterruptedException {
        CountDownLatch written = new CountDownLatch(1);
        startWriter();
        LINES.add(written);
        if (!written.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the answer log was not written within 30 s");
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            requests.add(new String[] {request.method().name(), request.uri()});
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.status().code() >= 200) {
            start(response);
        }
        if (answer != null && msg instanceof HttpContent content) {
            keep(content.content());
            if (msg instanceof LastHttpContent) {
                finish();
            }
        }
        super.write(ctx, msg, promise);
    }

    private void start(HttpResponse response) {
        String[] request = requests.poll();
        answer = JSON.createObjectNode();
        answer.put("at", System.currentTimeMillis());
        answer.put("method", request == null ? "" : request[0]);
        answer.put("uri", request == null ? "" : request[1]);
        answer.put("status", response.status().code());
        answer.put("contentType", response.headers().get(HttpHeaderNames.CONTENT_TYPE));
        String type = response.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        // bodies worth reading: JSON and text; video bytes are checked by status and Content-Type only
        body = type.contains("json") || type.startsWith("text/") ? new ByteArrayOutputStream() : null;
    }

    private void keep(ByteBuf bytes) {
        if (body == null || body.size() >= BODY_CAP) {
            return;
        }
        int n = Math.min(bytes.readableBytes(), BODY_CAP - body.size());
        byte[] copy = new byte[n];
        bytes.getBytes(bytes.readerIndex(), copy);
        body.write(copy, 0, n);
    }

    private void finish() {
        if (body != null) {
            answer.put("body", body.toString(StandardCharsets.UTF_8));
            answer.put("truncated", body.size() >= BODY_CAP);
        }
        startWriter();
        LINES.add(answer.toString());
        answer = null;
        body = null;
    }

    private static synchronized void startWriter() {
        if (writer != null) {
            return;
        }
        Path file = Path.of(System.getProperty(PROPERTY, "target/answers.jsonl"));
        writer = new Thread(() -> {
            while (true) {
                try {
                    Object next = LINES.take();
                    if (next instanceof CountDownLatch written) {
                        written.countDown();
                        continue;
                    }
                    Files.createDirectories(file.toAbsolutePath().getParent());
                    Files.writeString(file, next + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }, "answer-recorder");
        writer.setDaemon(true);
        writer.start();
    }
}
