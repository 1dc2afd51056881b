package dev.videogate.generation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.api.ApiException;
import dev.videogate.api.Unavailable;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks the media URLs a caller passes to POST /api/generate (e.g. image_urls for image-to-video models), and the
 * webhookUrl.
 *
 * <p>Kie.ai fetches these URLs, so an unchecked URL would let a caller point a fetcher at internal networks
 * (cloud metadata, localhost services, private ranges). We refuse, before any payment, everything that is not a plain
 * https URL on a public host: IP literals must be public, well-known internal names are refused outright, and other
 * names must resolve only to public addresses. Count and length are bounded too.
 *
 * <p>This is a check at request time: the fetcher resolves the name again later, so it does not replace egress
 * filtering on the fetching side (DNS rebinding).
 *
 * <p>Names are resolved through {@link HostLookups}, never by the calling thread itself: on a worker thread the check
 * waits at most the lookup timeout; on an event-loop thread a name whose answer is not known yet is not waited for,
 * {@link HostLookups.Pending} is thrown instead (the caller looks it up and checks again). A name that could not be
 * checked in time is refused with 503 url_check_unavailable (retry), one that does not resolve with 400.
 */
public final class MediaUrls {

    private static final int MAX_ECHO = 100;

    private static final Pattern CANONICAL_DOTTED_QUAD =
            Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    /** A last label that fetchers (browsers, inet_aton) read as a number: decimal, octal or 0x-hex. */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    private static final Pattern IPV6_LITERAL_CHARS = Pattern.compile("[0-9a-f:.]+");

    private static final List<String> INTERNAL_NAME_SUFFIXES =
            List.of(".localhost", ".local", ".internal", ".home.arpa", ".lan");

    private static final List<Cidr> NON_PUBLIC_IPV4 = Cidr.all(
            "0.0.0.0/8",        // "this network", unspecified
            "10.0.0.0/8",       // private
            "100.64.0.0/10",    // carrier-grade NAT
            "127.0.0.0/8",      // loopback
            "169.254.0.0/16",   // link-local, cloud metadata 169.254.169.254
            "172.16.0.0/12",    // private
            "192.0.0.0/24",     // IETF protocol assignments
            "192.0.2.0/24",     // documentation
            "192.88.99.0/24",   // former 6to4 relay anycast
            "192.168.0.0/16",   // private
            "198.18.0.0/15",    // benchmarking
            "198.51.100.0/24",  // documentation
            "203.0.113.0/24",   // documentation
            "224.0.0.0/4",      // multicast
            "240.0.0.0/4");     // reserved, broadcast 255.255.255.255

    /** Inside global unicast 2000::/3, the parts that are still not public. */
    private static final List<Cidr> NON_PUBLIC_GLOBAL_IPV6 = Cidr.all(
            "2001::/23",        // IETF protocol assignments: Teredo 2001::/32, benchmarking, ORCHID
            "2001:db8::/32",    // documentation
            "3fff::/20");       // documentation

    private static final byte[] IPV4_COMPATIBLE_PREFIX = new byte[12];                              // ::a.b.c.d
    private static final byte[] IPV4_MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1};      // ::ffff:a.b.c.d
    private static final byte[] NAT64_PREFIX = {0, 0x64, -1, -101, 0, 0, 0, 0, 0, 0, 0, 0};        // 64:ff9b::/96
    private static final byte[] SIX_TO_FOUR_PREFIX = {0x20, 0x02};                                  // 2002::/16

    private final int maxUrls;
    private final int maxLength;
    private final HostLookups lookups;

    public MediaUrls(int maxUrls, int maxLength, HostLookups lookups) {
        if (maxUrls < 0 || maxLength < 1) {
            throw new IllegalArgumentException("maxUrls must be >= 0 and maxLength >= 1");
        }
        this.maxUrls = maxUrls;
        this.maxLength = maxLength;
        this.lookups = Objects.requireNonNull(lookups, "lookups");
    }

    /**
     * Validates one option value, a JSON array of https URLs, and returns the URLs trimmed, in the given order.
     *
     * @throws ApiException 400 {@code invalid_field} for a wrong type or count, {@code invalid_media_url} for a URL
     *                      that is malformed, too long or not safe to fetch
     */
    public List<String> check(String optionName, JsonNode value, int minCount, int maxCount) {
        if (value == null || !value.isArray()) {
            throw ApiException.badRequest("invalid_field", optionName + " must be a JSON array of https URLs");
        }
        checkCount(optionName, value.size(), minCount, Math.min(maxCount, maxUrls));
        List<String> urls = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String name = optionName + "[" + i + "]";
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                throw ApiException.badRequest("invalid_field", name + " must be a string (an https URL)");
            }
            urls.add(checkUrl(name, element.asText().trim()));
        }
        return List.copyOf(urls);
    }

    /**
     * Validates one option value that is a single https URL string (Seedance 2's first_frame_url) and returns it
     * trimmed; the same checks as one entry of {@link #check}.
     */
    public String checkOne(String optionName, JsonNode value) {
        if (value == null || !value.isTextual()) {
            throw ApiException.badRequest("invalid_field", optionName + " must be a string (an https URL)");
        }
        return checkUrl(optionName, value.asText().trim());
    }

    private static void checkCount(String optionName, int count, int min, int max) {
        if (count < min || count > max) {
            String allowed = min == max ? "exactly " + min : "between " + min + " and " + max;
            throw ApiException.badRequest("invalid_field",
                    optionName + " must contain " + allowed + (max == 1 ? " URL" : " URLs") + " (got " + count + ")");
        }
    }

    private String checkUrl(String name, String url) {
        if (url.isEmpty()) {
            throw refused(name + " is empty");
        }
        if (url.length() > maxLength) {
            throw refused(name + " is longer than " + maxLength + " characters");
        }
        String badCharacter = badCharacter(url);
        if (badCharacter != null) {
            throw refused(name + " contains " + badCharacter);
        }
        URI uri = parse(name, url);
        if (!uri.isAbsolute()) {
            throw refused(name + " must be an absolute URL (https://host/path)");
        }
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            throw refused(name + " must use https");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw refused(name + " must not contain user info (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw refused(name + " must not contain a fragment (#...)");
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw refused(name + " must have a host");
        }
        if (uri.getHost() == null) {
            throw refused(name + " has '" + echo(uri.getRawAuthority()) + "', which is not a valid host");
        }
        checkPort(name, uri.getPort());
        checkHost(name, uri.getHost());
        return url;
    }

    /** Describes the first character a safe URL must not contain (percent-encode it instead), or null. */
    private static String badCharacter(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return "whitespace at position " + i;
            }
            if (Character.isISOControl(c)) {
                return "a control character at position " + i;
            }
            if (c == '\\') {
                return "a backslash at position " + i;
            }
            if (c > 0x7E) {
                return "a non-ASCII character at position " + i + " (percent-encode it)";
            }
        }
        return null;
    }

    private static URI parse(String name, String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw refused(name + " is not a valid URL (" + echo(e.getReason()) + " at index " + e.getIndex() + ")");
        }
    }

    private static void checkPort(String name, int port) {
        boolean allowed = port == -1 || port == 443 || (port >= 1024 && port <= 65535);
        if (!allowed) {
            throw refused(name + " uses port " + port + "; only 443 or 1024-65535 are allowed");
        }
    }

    private void checkHost(String name, String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            requirePublic(name, ipv6Literal(name, host.substring(1, host.length() - 1)));
            return;
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (CANONICAL_DOTTED_QUAD.matcher(host).matches()) {
            requirePublic(name, ipv4Literal(host));
            return;
        }
        if (looksNumeric(host)) {
            throw refused(name + " has '" + echo(rawHost) + "', which is not a valid host (use a dotted IPv4 address)");
        }
        if (isInternalName(host)) {
            throw refused(name + " points to an internal host name (" + echo(rawHost) + ")");
        }
        if (!host.contains(".")) {
            throw refused(name + " must use a fully qualified public host name, not '" + echo(rawHost) + "'");
        }
        for (InetAddress address : resolveAll(name, host)) {
            requirePublic(name, address);
        }
    }

    /** True for hosts that some fetchers read as an IPv4 number (2130706433, 0x7f.1, 0177.0.0.1, 127.1). */
    private static boolean looksNumeric(String host) {
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(lastLabel).matches();
    }

    private static boolean isInternalName(String host) {
        return host.equals("localhost") || INTERNAL_NAME_SUFFIXES.stream().anyMatch(host::endsWith);
    }

    private InetAddress[] resolveAll(String name, String host) {
        HostLookups.Outcome outcome = lookups.answerFor(name, host);
        if (outcome.kind() != HostLookups.Kind.FOUND) {
            throw refusal(name, host, outcome);
        }
        return outcome.addresses();
    }

    /**
     * The answer to a request whose URL (in field {@code name}) names a host that did not resolve: 400 when it does not
     * exist, 503 url_check_unavailable with Retry-After when it could not be checked (DNS failed, no answer in time,
     * too many names being checked): nothing is wrong with the request as far as we know, so it may be sent again.
     */
    public static ApiException refusal(String name, String host, HostLookups.Outcome outcome) {
        String what = name + ": host '" + echo(host) + "'";
        return switch (outcome.kind()) {
            case FOUND, NOT_FOUND -> refused(name + " host '" + echo(host) + "' does not resolve to a public address");
            case FAILED -> unchecked(what + " could not be checked (its DNS lookup failed); nothing was charged, try again later", 10);
            case TIMED_OUT -> unchecked(what + " could not be checked in time (no DNS answer); nothing was charged, try again", 5);
            case BUSY -> unchecked(what + " could not be checked: too many host names are being checked right now; nothing was"
                    + " charged, try again in a moment", 1);
        };
    }

    private static ApiException unchecked(String message, int retryAfterSeconds) {
        return new Unavailable("url_check_unavailable", message, retryAfterSeconds);
    }

    private static InetAddress ipv4Literal(String dottedQuad) {
        String[] parts = dottedQuad.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return address(bytes);
    }

    private static InetAddress ipv6Literal(String name, String literal) {
        // only hex digits, ':' and '.': InetAddress parses this as a literal and never asks DNS; no zone ids
        if (!literal.contains(":") || !IPV6_LITERAL_CHARS.matcher(literal).matches()) {
            throw refused(name + " has '[" + echo(literal) + "]', which is not a valid host");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw refused(name + " has '[" + echo(literal) + "]', which is not a valid host");
        }
    }

    private static void requirePublic(String name, InetAddress address) {
        if (!isPublic(address.getAddress())) {
            throw refused(name + " points to a non-public address (" + address.getHostAddress() + ")");
        }
    }

    /** The address rule above, for whoever connects to a caller-given host itself (webhooks). */
    public static boolean isPublicAddress(InetAddress address) {
        return isPublic(address.getAddress());
    }

    /** 4 bytes (IPv4) or 16 bytes (IPv6). */
    private static boolean isPublic(byte[] address) {
        return address.length == 4 ? isPublicIpv4(address) : isPublicIpv6(address);
    }

    private static boolean isPublicIpv4(byte[] address) {
        return NON_PUBLIC_IPV4.stream().noneMatch(range -> range.contains(address));
    }

    private static boolean isPublicIpv6(byte[] address) {
        if (startsWith(address, IPV4_MAPPED_PREFIX) || startsWith(address, IPV4_COMPATIBLE_PREFIX)
                || startsWith(address, NAT64_PREFIX)) {
            return isPublicIpv4(Arrays.copyOfRange(address, 12, 16)); // also covers :: and ::1 (0.0.0.0/8)
        }
        if (startsWith(address, SIX_TO_FOUR_PREFIX)) {
            return isPublicIpv4(Arrays.copyOfRange(address, 2, 6));
        }
        boolean globalUnicast = (address[0] & 0xE0) == 0x20; // 2000::/3; outside it: ULA, link/site-local, multicast...
        return globalUnicast && NON_PUBLIC_GLOBAL_IPV6.stream().noneMatch(range -> range.contains(address));
    }

    private static boolean startsWith(byte[] address, byte[] prefix) {
        return Arrays.equals(address, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes); // no lookup: raw bytes
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException refused(String message) {
        return ApiException.badRequest("invalid_media_url", message);
    }

    /** Caller input as it may appear in a message: printable ASCII, at most MAX_ECHO characters. */
    private static String echo(String text) {
        String clean = String.valueOf(text).replaceAll("[^\\x20-\\x7E]", "?");
        return clean.length() > MAX_ECHO ? clean.substring(0, MAX_ECHO) + "..." : clean;
    }

    /** An address range written as "address/prefix-length". */
    private record Cidr(byte[] network, int prefixLength) {

        static List<Cidr> all(String... ranges) {
            return Arrays.stream(ranges).map(Cidr::of).toList();
        }

        static Cidr of(String range) {
            String[] parts = range.split("/");
            try {
                return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1])); // literals only
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(range, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            int restBits = prefixLength % 8;
            if (!Arrays.equals(address, 0, fullBytes, network, 0, fullBytes)) {
                return false;
            }
            int mask = (0xFF << (8 - restBits)) & 0xFF;
            return restBits == 0 || (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
