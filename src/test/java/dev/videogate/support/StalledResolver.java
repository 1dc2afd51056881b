package dev.videogate.support;

import dev.videogate.generation.HostLookups;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only DNS (app.http.dns-resolver=#class:dev.videogate.support.StalledResolver), standing in for a name server
 * that does not answer: names under public.example resolve to a public address, names under missing.example do not
 * exist, and every other name is, after {@link #stall}, never answered (the asking thread waits until
 * {@link #releaseAll}, as the system resolver waits on a silent server; then it fails as getaddrinfo's EAI_AGAIN
 * does). Shared by every bundle of the JVM that names it.
 */
public final class StalledResolver implements HostLookups.Resolver {

    private static final AtomicInteger ASKED = new AtomicInteger();
    private static final AtomicInteger STALLED = new AtomicInteger();
    private static volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        ASKED.incrementAndGet();
        if (host.endsWith(".public.example")) {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})};
        }
        if (host.endsWith(".missing.example")) {
            throw new UnknownHostException(host + ": Name or service not known");
        }
        STALLED.incrementAndGet();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            STALLED.decrementAndGet();
        }
        throw new UnknownHostException(host + ": Temporary failure in name resolution");
    }

    /** Names asked so far (each lookup once, however many requests wanted it). */
    public static int asked() {
        return ASKED.get();
    }

    /** Lookups waiting for an answer right now. */
    public static int stalled() {
        return STALLED.get();
    }

    /** From now on, names that are neither public.example nor missing.example are not answered. */
    public static void stall() {
        release = new CountDownLatch(1);
    }

    /** Lets every waiting lookup fail (as a resolver gives up at last), and later ones fail at once. */
    public static void releaseAll() {
        release.countDown();
    }
}
