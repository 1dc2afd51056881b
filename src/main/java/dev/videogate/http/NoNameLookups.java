package dev.videogate.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The DNS resolver of an HTTP client that connects only to addresses checked beforehand (webhooks, result files):
 * each request names its checked address, so a lookup inside the client would be a second, unchecked one (DNS
 * rebinding). Any attempt to resolve a name fails, saying why.
 */
public final class NoNameLookups {

    private NoNameLookups() {
    }

    /** @param who what connects this way ("webhooks", "result file copies"), for the failure's message */
    public static DnsResolver refusing(String who) {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                throw new UnknownHostException(who + " connect only to checked addresses, not by name: " + host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                throw new UnknownHostException(who + " connect only to checked addresses, not by name: " + host);
            }
        };
    }
}
