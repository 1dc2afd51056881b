package dev.videogate.webhook;

import dev.videogate.generation.HostLookups;
import dev.videogate.generation.MediaUrls;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A receiver's host name, looked up once and checked: every address it resolves to must pass the address rule
 * (public addresses only, unless app.webhooks.allow-insecure-urls or, for copies, app.storage.allow-insecure-origins), and the client connects to one of exactly these.
 * Nothing resolves the name again between this check and the connection, so a name that answers differently the
 * second time (DNS rebinding, a trailing-dot spelling cached apart) cannot move the connection elsewhere.
 */
public final class ReceiverAddresses {

    /** Host name to addresses; the default asks the system resolver (InetAddress). */
    @FunctionalInterface
    interface Lookup {
        InetAddress[] addresses(String host) throws UnknownHostException;
    }

    private final Lookup lookup;
    private final Predicate<InetAddress> allowed;
    private final String rule;

    ReceiverAddresses(Lookup lookup, Predicate<InetAddress> allowed, String rule) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.allowed = Objects.requireNonNull(allowed, "allowed");
        this.rule = rule;
    }

    /** Public addresses only: the rule caller-given URLs are checked by when they are accepted (MediaUrls). */
    public static ReceiverAddresses publicOnly(HostLookups lookups) {
        return new ReceiverAddresses(through(lookups), MediaUrls::isPublicAddress, "public");
    }

    /** Any address (local testing: app.webhooks.allow-insecure-urls), still looked up once. */
    public static ReceiverAddresses any(HostLookups lookups) {
        return new ReceiverAddresses(through(lookups), address -> true, "any");
    }

    /** Through the shared lookup pool: bounded in number and time, where the system resolver alone may hang for long. */
    private static Lookup through(HostLookups lookups) {
        return host -> {
            HostLookups.Outcome outcome = lookups.await(host);
            if (outcome.kind() != HostLookups.Kind.FOUND) {
                throw new UnknownHostException("host " + host + " not resolved (" + outcome.kind().name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            return outcome.addresses();
        };
    }

    /**
     * The addresses of a host name as it goes on the wire (lower case, no trailing dot: see {@link WebhookClient}).
     *
     * @throws UnknownHostException when it resolves to nothing, or to any address the rule refuses
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        InetAddress[] found = lookup.addresses(host);
        if (found == null || found.length == 0) {
            throw new UnknownHostException("host " + host + " resolves to no address");
        }
        for (InetAddress address : found) {
            if (!allowed.test(address)) {
                throw new UnknownHostException("host " + host + " resolves to a non-" + rule + " address ("
                        + address.getHostAddress() + ")");
            }
        }
        return List.of(found);
    }
}
