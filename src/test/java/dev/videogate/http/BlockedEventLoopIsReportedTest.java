package dev.videogate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videogate.support.EventLoopWatch;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Vert.x the bundle runs on (GatewayVertx.options) reports an event loop held too long, with the stack of what held
 * it; EventLoopWatch, on every test class, hears it (and would fail the test: here it is taken before it can).
 */
class BlockedEventLoopIsReportedTest {

    @Test
    void aBlockedEventLoopIsReportedWithItsStack() throws Exception {
        EventLoopWatch.listen();
        EventLoopWatch.take();
        Vertx vertx = Vertx.vertx(GatewayVertx.options(2, 100, 50));
        try {
            CountDownLatch done = new CountDownLatch(1);
            vertx.runOnContext(v -> {
                try {
                    Thread.sleep(300); // as a DNS lookup on a silent server would, only shorter
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.countDown();
            });
            assertTrue(done.await(5, TimeUnit.SECONDS));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        List<String> blocked = EventLoopWatch.take();
        assertTrue(!blocked.isEmpty(), "no warning heard");
        String first = blocked.get(0);
        assertTrue(first.contains("vert.x-eventloop-thread") && first.contains("has been blocked for"), first);
        assertTrue(first.contains("java.lang.Thread.sleep"), "the stack shows what held the loop: " + first);
        assertTrue(first.contains(BlockedEventLoopIsReportedTest.class.getName()), first);
        assertEquals(List.of(), EventLoopWatch.take(), "taken");
    }
}
