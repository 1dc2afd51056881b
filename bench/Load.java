import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's load client: raw sockets, HTTP/1.1 keep-alive, all connections on one selector thread; run as a single
 * source file (java bench/Load.java). Prints one JSON line. Never asserts on time: it measures and reports.
 *
 * <pre>
 * java bench/Load.java challenge --url URL --body JSON --concurrency C --seconds S [--warmup S] [--expect 402]
 *                              [--pause-ms P]
 *     C connections, each POSTs back to back (or P ms apart: a probe of latency while something else loads the
 *     server) for S seconds after a warm-up; -> {count, rps, p50, p99, errors, statuses}. Latencies in ms.
 * java bench/Load.java wakeup --url URL --token T --callers N --pid PID [--timeout S] [--ramp-per-100ms K]
 *                              [--warmup-url URL --warmup-count M]
 *     N concurrent GET URL (?poll=true) with "Authorization: Bearer T", one raw socket each on one selector thread,
 *     opened K per 100 ms after M quick warm-up requests (the same code); samples PID's Threads and VmRSS
 *     (/proc/PID/status) while they wait, and stamps each answer's arrival (epoch ms) -> {answered, ok, completed,
 *     statuses, threads/RSS, arrival stamps of the 200 completed answers}.
 * </pre>
 * Both sides of a comparison are measured with the same client. It spends a few microseconds of CPU per request: on a
 * small machine the client shares the CPUs with the server it measures (the JDK HttpClient it replaced, one per
 * connection, spent more CPU per request than the server did).
 */
public class Load {

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            throw new IllegalArgumentException("usage: java bench/Load.java challenge|wakeup --option value ...");
        }
        System.err.println("LOAD_STARTED"); // compiled and running: bench/run starts what this one probes after it
        Map<String, String> a = new HashMap<>();
        for (int i = 1; i + 1 < argv.length; i += 2) {
            a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        String json = switch (argv[0]) {
            case "challenge" -> challenge(a);
            case "wakeup" -> wakeup(a);
            default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
        };
        System.out.println(json);
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------ 402 challenge

    static String challenge(Map<String, String> a) throws Exception {
        URI url = URI.create(need(a, "url"));
        String body = need(a, "body");
        int concurrency = Integer.parseInt(need(a, "concurrency"));
        double seconds = Double.parseDouble(need(a, "seconds"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "0"));
        int expect = Integer.parseInt(a.getOrDefault("expect", "402"));
        long pauseMs = Long.parseLong(a.getOrDefault("pause-ms", "0")); // > 0: a probe, not a load

        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bodyBytes.length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        InetSocketAddress address = new InetSocketAddress(url.getHost(), url.getPort());

        // warm-up and measurement share the connections; only requests sent in the window after warm-up count
        long start = System.nanoTime() + (long) (warmup * 1e9);
        long end = start + (long) (seconds * 1e9);
        Map<String, AtomicInteger> statuses = new TreeMap<>();
        Map<String, AtomicInteger> warmupStatuses = new TreeMap<>(); // not timed, but a failure is a failure
        long[] latencies = new long[1 << 16];
        int total = 0;
        long errors = 0;

        try (Selector selector = Selector.open()) {
            List<Exchange> open = new ArrayList<>();
            for (int i = 0; i < concurrency; i++) {
                open.add(new Exchange(selector, address, request));
            }
            int inFlight = 0;
            while (true) {
                long now = System.nanoTime();
                // send on every idle connection whose pause is over, until the window ends
                long nextWake = Long.MAX_VALUE;
                for (Exchange x : open) {
                    if (x.sentAt != 0) {
                        if (now - x.sentAt > 30_000_000_000L) {           // 30 s without an answer: count it, start over
                            String status = "Timeout";
                            count(x.sentAt < start ? warmupStatuses : statuses, status);
                            errors += x.sentAt < start ? 0 : 1;
                            x.reconnect(selector, address);
                            inFlight--;
                        }
                        continue;
                    }
                    if (now >= end) {
                        continue;
                    }
                    if (x.notBefore > now) {
                        nextWake = Math.min(nextWake, x.notBefore);
                        continue;
                    }
                    x.send(now);
                    inFlight++;
                }
                if (now >= end && inFlight == 0) {
                    break;
                }
                long waitMs = nextWake == Long.MAX_VALUE ? 100 : Math.max(1, (nextWake - now) / 1_000_000);
                selector.select(waitMs);
                for (var key : selector.selectedKeys()) {
                    Exchange x = (Exchange) key.attachment();
                    String status;
                    try {
                        status = x.read();
                    } catch (IOException e) {
                        status = e.getClass().getSimpleName();
                    }
                    if (status == null) {
                        continue; // the answer is not whole yet
                    }
                    long t1 = System.nanoTime();
                    long t0 = x.sentAt;
                    inFlight--;
                    if (!status.chars().allMatch(Character::isDigit) || x.closeAfter) {
                        x.reconnect(selector, address);                     // failed or closed by the server
                    } else {
                        x.sentAt = 0;
                    }
                    x.notBefore = pauseMs > 0 ? t1 + pauseMs * 1_000_000 : 0;
                    if (t0 < start) {
                        count(warmupStatuses, status);
                        continue;
                    }
                    count(statuses, status);
                    if (!status.equals(String.valueOf(expect))) {
                        errors++;
                    }
                    if (total == latencies.length) {
                        latencies = Arrays.copyOf(latencies, total * 2);
                    }
                    latencies[total++] = t1 - t0;
                }
                selector.selectedKeys().clear();
            }
            for (Exchange x : open) {
                x.channel.close();
            }
        }
        long[] all = Arrays.copyOf(latencies, total);
        Arrays.sort(all);
        return String.format(java.util.Locale.ROOT,
                "{\"mode\":\"challenge\",\"concurrency\":%d,\"seconds\":%.1f,\"count\":%d,\"rps\":%.1f,\"p50\":%.2f,\"p99\":%.2f,"
                        + "\"errors\":%d,\"statuses\":%s,\"warmupStatuses\":%s}",
                concurrency, seconds, total, total / seconds, ms(pct(all, 50)), ms(pct(all, 99)), errors, toJson(statuses),
                toJson(warmupStatuses));
    }

    private static void count(Map<String, AtomicInteger> statuses, String status) {
        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * One keep-alive HTTP/1.1 connection of the 402 load: writes the request, reads one whole answer (Content-Length
     * or chunked), again. All of them on one selector thread: the client's own cost per request is a few
     * microseconds, so on a 2-CPU machine it takes little of the CPU the measured server needs (the JDK HttpClient,
     * one per connection, took more CPU than the server it measured).
     */
    static final class Exchange {
        SocketChannel channel;
        final ByteBuffer out;
        ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        long sentAt;      // 0: idle
        long notBefore;   // a probe's pause
        boolean closeAfter;

        Exchange(Selector selector, InetSocketAddress address, byte[] request) throws IOException {
            out = ByteBuffer.wrap(request);
            connect(selector, address);
        }

        private void connect(Selector selector, InetSocketAddress address) throws IOException {
            channel = SocketChannel.open(address);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, this);
        }

        void reconnect(Selector selector, InetSocketAddress address) {
            try {
                channel.close();
                in.clear();
                sentAt = 0;
                closeAfter = false;
                connect(selector, address);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot reconnect to " + address, e);
            }
        }

        void send(long now) {
            sentAt = now;
            out.rewind();
            try {
                while (out.hasRemaining()) {
                    channel.write(out); // about 200 bytes into an empty socket buffer: one write
                }
            } catch (IOException e) {
                // the read that follows sees the broken connection and reports it
            }
        }

        /** The answer's status once it is whole, else null. */
        String read() throws IOException {
            if (channel.read(in) < 0) {
                throw new java.io.EOFException("connection closed before a whole answer");
            }
            if (!in.hasRemaining()) {
                in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
            }
            byte[] b = in.array();
            int n = in.position();
            int headEnd = indexOf(b, n, 0, "\r\n\r\n");
            if (headEnd < 0) {
                return null;
            }
            String head = new String(b, 0, headEnd, StandardCharsets.ISO_8859_1);
            String status = head.substring(9, 12);
            long length = -1;
            boolean chunked = false;
            closeAfter = false;
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    closeAfter = true;
                }
            }
            int bodyStart = headEnd + 4;
            int answerEnd;
            if (chunked) {
                answerEnd = chunkedEnd(b, n, bodyStart);
            } else if (length >= 0) {
                answerEnd = n >= bodyStart + length ? (int) (bodyStart + length) : -1;
            } else {
                throw new IOException("an answer with neither Content-Length nor chunked encoding");
            }
            if (answerEnd < 0) {
                return null;
            }
            in.clear(); // one request at a time per connection: nothing can follow the answer
            return status;
        }

        /** Where a chunked body that starts at {@code from} ends, or -1 while it is not whole (no trailers expected). */
        private static int chunkedEnd(byte[] b, int n, int from) {
            int at = from;
            while (true) {
                int lineEnd = indexOf(b, n, at, "\r\n");
                if (lineEnd < 0) {
                    return -1;
                }
                String size = new String(b, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int semicolon = size.indexOf(';');
                int chunk = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                at = lineEnd + 2 + chunk + 2;
                if (at > n) {
                    return -1;
                }
                if (chunk == 0) {
                    return at;
                }
            }
        }

        private static int indexOf(byte[] b, int n, int from, String what) {
            outer:
            for (int i = from; i + what.length() <= n; i++) {
                for (int j = 0; j < what.length(); j++) {
                    if (b[i + j] != what.charAt(j)) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------ mass wake-up

    static String wakeup(Map<String, String> a) throws Exception {
        URI url = URI.create(need(a, "url"));
        String token = need(a, "token");
        int callers = Integer.parseInt(need(a, "callers"));
        long pid = Long.parseLong(need(a, "pid"));
        long timeoutSeconds = Long.parseLong(a.getOrDefault("timeout", "120"));
        int rampPer100ms = Integer.parseInt(a.getOrDefault("ramp-per-100ms", "500"));

        // Warm up first, on the same raw-socket code as the held crowd (compiled by the JIT before it counts), with
        // quick requests that are answered at once (warmup-url: the same status without poll=true): a cold JVM takes
        // in 10,000 answers several times slower, and that would be the client's time, not the server's
        String warmupUrl = a.get("warmup-url");
        int warmupCount = Integer.parseInt(a.getOrDefault("warmup-count", "0"));
        if (warmupUrl != null && warmupCount > 0) {
            HeldCallers warm = new HeldCallers(URI.create(warmupUrl), token, warmupCount);
            long warmDeadline = System.currentTimeMillis() + 60_000;
            while (warm.pending() > 0 && System.currentTimeMillis() < warmDeadline) {
                if (warm.opened() - warm.answered() < 256) {
                    warm.open(256); // a few hundred at a time, each answered at once
                }
                warm.poll(10);
            }
            warm.close();
        }
        // The held callers themselves: raw non-blocking sockets on one selector thread, one connection each, a fixed
        // request and a minimal response reader. The JDK HttpClient took about a second to take in 10,000 answers
        // released at once (its floor against a bare node server), which hid the server's own time.
        HeldCallers crowd = new HeldCallers(url, token, callers);
        Sample before = Sample.of(pid);
        long openedAt = System.currentTimeMillis();
        List<Sample> samples = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000;
        long lastSample = 0;
        long allSentAt = 0;
        int answeredBeforeAllSent = 0;
        while (crowd.pending() > 0 && System.currentTimeMillis() < deadline) {
            if (crowd.opened() < callers) {
                crowd.open(rampPer100ms); // in steps: a burst of 10,000 SYNs overflows the accept backlog
                if (crowd.opened() == callers) {
                    allSentAt = System.currentTimeMillis();
                    answeredBeforeAllSent = crowd.answered(); // refused (503...) or failed while opening
                } else {
                    crowd.poll(100);
                    continue;
                }
            }
            long now = System.currentTimeMillis();
            if (crowd.answered200() == 0 && now - lastSample >= 250) {
                samples.add(Sample.of(pid)); // the server while the callers are held (until the release)
                lastSample = now;
            }
            crowd.poll(50);
        }
        crowd.close();
        long[] arrivals = crowd.arrivals;
        String[] outcome = crowd.outcome;
        Map<String, AtomicInteger> statuses = crowd.statuses;
        Sample after = Sample.of(pid);
        int answered = 0;
        int ok = 0;
        int completed = 0;
        for (int i = 0; i < callers; i++) {
            if (outcome[i] != null) {
                answered++;
                ok += outcome[i].equals("200") || outcome[i].equals("completed") ? 1 : 0;
                completed += outcome[i].equals("completed") ? 1 : 0;
            }
        }
        long[] done200 = new long[completed];
        int c = 0;
        for (int i = 0; i < callers; i++) {
            if ("completed".equals(outcome[i])) {
                done200[c++] = arrivals[i];
            }
        }
        Arrays.sort(done200);
        int maxThreads = samples.stream().mapToInt(s -> s.threads).max().orElse(-1);
        long maxRssKb = samples.stream().mapToLong(s -> s.rssKb).max().orElse(-1);
        return String.format(java.util.Locale.ROOT,
                "{\"mode\":\"wakeup\",\"callers\":%d,\"answered\":%d,\"ok\":%d,\"completed\":%d,\"answeredBeforeAllSent\":%d,"
                        + "\"statuses\":%s,\"openSeconds\":%.2f,\"allSentEpochMs\":%d,\"heldSamples\":%d,"
                        + "\"threadsBefore\":%d,\"rssMbBefore\":%.0f,\"threadsHeldMax\":%d,\"rssMbHeldMax\":%.0f,"
                        + "\"threadsAfter\":%d,\"rssMbAfter\":%.0f,"
                        + "\"arrivalFirst\":%d,\"arrivalP50\":%d,\"arrivalP99\":%d,\"arrivalLast\":%d}",
                callers, answered, ok, completed, answeredBeforeAllSent, toJson(statuses), (allSentAt - openedAt) / 1000.0,
                allSentAt, samples.size(), before.threads, before.rssKb / 1024.0, maxThreads, maxRssKb / 1024.0,
                after.threads, after.rssKb / 1024.0,
                completed > 0 ? done200[0] : 0, pct(done200, 50), pct(done200, 99), completed > 0 ? done200[completed - 1] : 0);
    }

    /** One look at /proc/PID/status: the process's thread count and resident memory. */
    record Sample(int threads, long rssKb) {
        static Sample of(long pid) {
            int threads = -1;
            long rss = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("Threads:")) {
                        threads = Integer.parseInt(line.substring(8).trim());
                    } else if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.substring(6).replace("kB", "").trim());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone: -1
            }
            return new Sample(threads, rss);
        }
    }

    /** N held GETs on raw sockets: opened in steps, each answer stamped (epoch ms) when its last byte arrives. */
    static final class HeldCallers {
        final long[] arrivals;
        final String[] outcome;
        final Map<String, AtomicInteger> statuses = new TreeMap<>();
        private final java.nio.channels.Selector selector;
        private final java.net.InetSocketAddress address;
        private final byte[] request;
        private final int callers;
        private int opened;
        private int answered;
        private int answered200;

        HeldCallers(URI url, String token, int callers) throws IOException {
            this.callers = callers;
            this.arrivals = new long[callers];
            this.outcome = new String[callers];
            this.selector = java.nio.channels.Selector.open();
            this.address = new java.net.InetSocketAddress(url.getHost(), url.getPort());
            String target = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            this.request = ("GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nAuthorization: Bearer " + token + "\r\nAccept: application/json\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }

        int opened() { return opened; }
        int answered() { return answered; }
        int answered200() { return answered200; }
        int pending() { return callers - answered; }

        void open(int count) throws IOException {
            for (int i = 0; i < count && opened < callers; i++, opened++) {
                java.nio.channels.SocketChannel channel = java.nio.channels.SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                Caller caller = new Caller(opened);
                if (channel.connect(address)) {
                    send(channel, caller);
                } else {
                    channel.register(selector, java.nio.channels.SelectionKey.OP_CONNECT, caller);
                }
            }
        }

        /** Handles whatever is ready within the given time. */
        void poll(long millis) throws IOException {
            selector.select(Math.max(1, millis));
            var ready = selector.selectedKeys().iterator();
            while (ready.hasNext()) {
                var key = ready.next();
                ready.remove();
                Caller caller = (Caller) key.attachment();
                if (caller == null) {
                    continue; // answered already (a close from the server after its answer, say)
                }
                var channel = (java.nio.channels.SocketChannel) key.channel();
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        send(channel, caller);
                    } else if (key.isReadable()) {
                        read(key, channel, caller);
                    }
                } catch (IOException e) {
                    finish(key, caller, e.getClass().getSimpleName(), false);
                }
            }
        }

        private void send(java.nio.channels.SocketChannel channel, Caller caller) throws IOException {
            java.nio.ByteBuffer out = java.nio.ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out); // a few hundred bytes on a fresh loopback connection: never blocks for long
            }
            channel.register(selector, java.nio.channels.SelectionKey.OP_READ, caller);
        }

        private void read(java.nio.channels.SelectionKey key, java.nio.channels.SocketChannel channel, Caller caller) throws IOException {
            int n = channel.read(caller.in);
            if (n < 0) {
                finish(key, caller, "closed", false);
                return;
            }
            String status = caller.complete();
            if (status != null) {
                finish(key, caller, status, status.equals("200") && caller.text().contains("\"state\":\"completed\""));
            }
        }

        private void finish(java.nio.channels.SelectionKey key, Caller caller, String status, boolean completed) {
            arrivals[caller.id] = System.currentTimeMillis();
            outcome[caller.id] = completed ? "completed" : status;
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            answered++;
            if (status.equals("200")) {
                answered200++;
            }
            key.attach(null); // done: nothing more comes on a kept-alive connection; closed with the rest at the end
        }

        void close() throws IOException {
            for (var key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
        }

        /** One caller's connection: its answer so far, and whether it is whole (headers + Content-Length bytes). */
        static final class Caller {
            final int id;
            java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(4096);

            Caller(int id) { this.id = id; }

            String text() {
                return new String(in.array(), 0, in.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }

            /** The status code once the whole answer is in, else null (reads bytes: no text is made until then). */
            String complete() {
                if (!in.hasRemaining()) { // a bigger answer than expected: grow
                    in = java.nio.ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                }
                byte[] b = in.array();
                int n = in.position();
                int headerEnd = -1;
                for (int i = 3; i < n; i++) {
                    if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                        headerEnd = i + 1;
                        break;
                    }
                }
                if (headerEnd < 0) {
                    return null;
                }
                String head = new String(b, 0, headerEnd, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
                int at = head.indexOf("content-length:");
                int length = 0;
                if (at >= 0) {
                    int eol = head.indexOf("\r\n", at);
                    length = Integer.parseInt(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
                }
                return n - headerEnd >= length ? head.substring(9, 12) : null;
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Nearest-rank percentile of a sorted array (0 when empty). */
    static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    static double ms(long nanos) {
        return nanos / 1e6;
    }

    static String toJson(Map<String, AtomicInteger> counts) {
        StringBuilder out = new StringBuilder("{");
        new TreeMap<>(counts).forEach((k, v) -> out.append(out.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v.get()));
        return out.append('}').toString();
    }

    static String need(Map<String, String> a, String name) {
        String value = a.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }
}
