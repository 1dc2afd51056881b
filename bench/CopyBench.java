import dev.videogate.generation.HostLookups;
import dev.videogate.storage.LocalVideoStore;
import dev.videogate.storage.OriginFetcher;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The copy benchmark's measuring side (bench/copy runs it): the product's own copy code from target/video-gateway.jar
 * (OriginFetcher streaming a link into a temporary file with its SHA-256, LocalVideoStore moving it into place), N
 * times, the same URL curl fetched. Per run it prints one JSON line: seconds, MB/s, and the heap's growth during the
 * copy (the sum of every heap pool's peak use during the copy, minus the heap in use after a GC before it: an upper
 * bound, garbage included). Never asserts on time.
 *
 * <pre>java -Xmx128m -cp target/video-gateway.jar bench/CopyBench.java URL STORE_DIR RUNS</pre>
 */
public class CopyBench {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Path dir = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        try (HostLookups lookups = new HostLookups(HostLookups.system(), HostLookups.Limits.defaults())) {
            LocalVideoStore store = new LocalVideoStore(dir);
            try (OriginFetcher fetcher = new OriginFetcher(1L << 30, 600_000, 30_000, 1, true, lookups, () -> incoming(store))) {
                for (int run = 1; run <= runs; run++) {
                    System.gc();
                    Thread.sleep(200);
                    long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
                    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
                    long start = System.nanoTime();
                    OriginFetcher.Fetched fetched = fetcher.fetch(url);
                    store.put("videos/bench/" + run, fetched.file(), fetched.contentType());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                    System.out.printf("{\"run\":%d,\"bytes\":%d,\"seconds\":%.3f,\"mbPerSecond\":%.1f,\"heapGrowthMb\":%.1f,"
                                    + "\"maxHeapMb\":%d,\"sha256\":\"%s\"}%n", run, fetched.bytes(), seconds,
                            fetched.bytes() / 1e6 / seconds, (peak - before) / 1e6,
                            Runtime.getRuntime().maxMemory() / 1_000_000, fetched.sha256());
                    Files.deleteIfExists(dir.resolve("videos/bench/" + run));
                }
            }
        }
    }

    private static Path incoming(LocalVideoStore store) {
        try {
            return store.incoming();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
