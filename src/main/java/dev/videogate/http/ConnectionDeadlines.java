package dev.videogate.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Deadlines for what a client sends, so that a slow or silent client costs a connection for seconds, not minutes:
 * <ul>
 *   <li>the request line and headers within {@code headerMs} of the connection opening (first request) or of the
 *       request's first byte (next requests on a keep-alive connection), however slowly they drip in;</li>
 *   <li>the body within {@code bodyMs} of the end of the headers;</li>
 *   <li>a keep-alive connection with nothing in flight (no request arriving, no answer owed) closed after
 *       {@code idleMs}.</li>
 * </ul>
 * A request whose answer we still owe is never cut, however long we take (a long-poll is held for minutes), and the
 * clock stops while Vert.x itself has stopped reading (a pipelined request waiting for the one before it). A request
 * cut before anything was answered gets a JSON 408 and {@code Connection: close}; otherwise the connection is closed.
 * 0 turns a deadline off.
 *
 * <p>Vert.x 4 has only a read/write idle timeout, which would cut a held long-poll and not a client that drips a byte
 * every few seconds; so these are two small netty handlers on each HTTP/1.x connection, installed from the server's
 * connection handler: one ahead of Vert.x's request decoder ("httpDecoder": sees bytes arrive), one behind it, just
 * ahead of Vert.x's own handler ("handler": sees where requests begin and end, and where answers end). The servers
 * are HTTP/1.x only (h2c off, see {@link GatewayVertx}): a connection without that decoder is left as it is.
 */
public final class ConnectionDeadlines {

    private final long headerMs;
    private final long bodyMs;
    private final long idleMs;

    public ConnectionDeadlines(long headerMs, long bodyMs, long idleMs) {
        this.headerMs = headerMs;
        this.bodyMs = bodyMs;
        this.idleMs = idleMs;
    }

    public boolean any() {
        return headerMs > 0 || bodyMs > 0 || idleMs > 0;
    }

    /** For {@code HttpServer.connectionHandler}: puts the deadlines on a new HTTP/1.x connection. */
    public void install(HttpConnection connection) {
        if (!any() || !(connection instanceof ConnectionBase base)) {
            return;
        }
        Channel channel = base.channel();
        if (channel.eventLoop().inEventLoop()) {
            install(channel);
        } else {
            channel.eventLoop().execute(() -> install(channel));
        }
    }

    private void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (!channel.isActive() || pipeline.get("httpDecoder") == null || pipeline.get("handler") == null
                || pipeline.get(Clock.class) != null) {
            return;
        }
        Clock clock = new Clock(channel);
        pipeline.addBefore("httpDecoder", "deadlineBytes", clock);
        pipeline.addBefore("handler", "deadlineMessages", clock.messages);
        clock.opened();
    }

    private enum Phase {
        /** Connected, nothing received yet: the first request's header deadline runs from here. */
        OPENED,
        /** A request's line and headers are arriving. */
        HEADERS,
        /** Its body is arriving. */
        BODY,
        /** No request arriving: waiting for the next one, or for our own answers. */
        BETWEEN
    }

    /** One connection's deadlines. Everything runs on the connection's event loop. */
    private final class Clock extends ChannelInboundHandlerAdapter {
        private final Channel channel;
        private final Messages messages = new Messages();
        private ChannelHandlerContext bytes;
        private Phase phase = Phase.OPENED;
        private int owed;          // requests received (in part or whole) whose answer is not written to the end yet
        private boolean answering; // an answer's head is written, its end not yet
        private boolean closing;
        private ScheduledFuture<?> timer;
        private long armed;        // which arming the pending timer belongs to

        Clock(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            bytes = ctx;
        }

        void opened() {
            arm(headerMs);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (closing) {
                ReferenceCountUtil.release(msg); // cut: nothing more goes to Vert.x
                return;
            }
            if (msg instanceof ByteBuf buf && buf.isReadable()) {
                if (phase == Phase.OPENED) {
                    phase = Phase.HEADERS; // the first request's deadline already runs from the connection's opening
                } else if (phase == Phase.BETWEEN) {
                    phase = Phase.HEADERS;
                    arm(headerMs);
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            disarm();
            ctx.fireChannelInactive();
        }

        private void headersDone() {
            owed++;
            phase = Phase.BODY;
            arm(bodyMs);
        }

        private void requestDone() {
            phase = Phase.BETWEEN;
            if (owed == 0) {
                arm(idleMs);
            } else {
                disarm(); // the wait is ours now
            }
        }

        private void answered() {
            owed = Math.max(0, owed - 1);
            if (phase == Phase.BETWEEN && owed == 0 && !closing) {
                arm(idleMs);
            }
        }

        private void arm(long ms) {
            disarm();
            if (ms > 0 && !closing) {
                long mine = armed;
                timer = channel.eventLoop().schedule(() -> expired(mine, ms), ms, TimeUnit.MILLISECONDS);
            }
        }

        private void disarm() {
            armed++;
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }

        private void expired(long which, long ms) {
            if (which != armed || closing || !channel.isActive()) {
                return;
            }
            timer = null;
            if ((phase == Phase.HEADERS || phase == Phase.BODY) && !channel.config().isAutoRead()) {
                arm(ms); // Vert.x stopped reading (a pipelined request waits its turn): that wait is ours, not the client's
                return;
            }
            switch (phase) {
                case HEADERS -> cut(owed == 0 && !answering, "The request line and headers did not arrive within " + headerMs + " ms");
                case BODY -> cut(owed == 1 && !answering, "The request body did not arrive within " + bodyMs + " ms");
                default -> cut(false, null); // opened and silent, or idle between requests: nothing to answer
            }
        }

        /** Closes the connection, first answering 408 when the request being cut is the only one and nothing was answered. */
        private void cut(boolean answer, String message) {
            closing = true;
            channel.config().setAutoRead(false);
            if (!answer) {
                channel.close();
                return;
            }
            byte[] body = JsonAnswers.errorBody("request_timeout", message).toString().getBytes(StandardCharsets.UTF_8);
            byte[] head = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            // written below Vert.x's encoder, straight to the socket (through TLS when there is TLS)
            bytes.writeAndFlush(Unpooled.wrappedBuffer(head, body)).addListener(done -> channel.close());
            channel.eventLoop().schedule(() -> {
                channel.close(); // a client that does not read its 408 does not keep the connection either
            }, 1, TimeUnit.SECONDS);
        }

        /** Behind Vert.x's decoder: where requests begin and end; and, on the way out, where answers end. */
        private final class Messages extends ChannelDuplexHandler {

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    headersDone();
                }
                if (msg instanceof LastHttpContent) {
                    requestDone();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                boolean interim = msg instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                if (!interim) {
                    if (msg instanceof HttpResponse) {
                        answering = true;
                    }
                    if (msg instanceof LastHttpContent) {
                        answering = false;
                        promise = promise.unvoid();
                        promise.addListener(written -> answered()); // on the wire (or failed): the idle clock may start
                    }
                }
                ctx.write(msg, promise);
            }
        }
    }
}
