package dev.videogate.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.videogate.api.ApiException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaUrlsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPTION = "image_urls";
    private static final String GOOD = "https://93.184.216.34/first.png";

    private final FakeResolver resolver = new FakeResolver()
            .with("images.example.com", "93.184.216.34")
            .with("dual.example.com", "93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946")
            .with("mixed.example.com", "93.184.216.34", "10.0.0.5")
            .with("empty.example.com");
    private final MediaUrls urls = new MediaUrls(4, 2048, lookups(resolver));

    // ---- accepted ----

    @Test
    void acceptsPublicHttpsUrlsAndReturnsThemTrimmed() {
        List<String> result = urls.check(OPTION, array(
                "https://93.184.216.34/cat.png",
                "  https://images.example.com/a/b.png?size=large  ",
                "https://[2606:2800:220:1:248:1893:25c8:1946]/dog.jpg",
                "HTTPS://dual.example.com./x.webp"), 1, 4);

        assertEquals(List.of(
                "https://93.184.216.34/cat.png",
                "https://images.example.com/a/b.png?size=large",
                "https://[2606:2800:220:1:248:1893:25c8:1946]/dog.jpg",
                "HTTPS://dual.example.com./x.webp"), result);
        assertEquals(List.of("images.example.com", "dual.example.com"), resolver.asked);
    }

    @Test
    void acceptsAnEmptyArrayWhenNoUrlIsRequired() {
        assertEquals(List.of(), urls.check(OPTION, array(), 0, 4));
    }

    /** The neighbours of blocked ranges stay usable: the ranges are not wider than they should be. */
    @ParameterizedTest
    @ValueSource(strings = {
            "11.0.0.1", "9.255.255.255", "126.255.255.255", "128.0.0.1", "172.15.255.255", "172.32.0.1",
            "192.167.255.255", "192.169.0.1", "169.253.255.255", "169.255.0.1", "100.63.255.255", "100.128.0.1",
            "198.17.255.255", "198.20.0.1", "192.0.1.1", "192.0.3.1", "198.51.99.1", "203.0.114.1", "223.255.255.255",
            "1.1.1.1",
            "2a00:1450:4001:82b::200e", "2001:200::1", "2001:dba::1", "2606:4700::1111", "3ffe::1",
            "::ffff:93.184.216.34", "2002:5db8:d822::1", "64:ff9b::5db8:d822"})
    void acceptsPublicAddressesAsLiteralsAndAsResolvedNames(String address) {
        assertEquals(1, urls.check(OPTION, array(literalUrl(address)), 1, 4).size());

        resolver.with("public.example.com", address);
        assertEquals(1, urls.check(OPTION, array("https://public.example.com/x.png"), 1, 4).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"443", "1024", "8443", "65535"})
    void acceptsPort443AndUnprivilegedPorts(String port) {
        assertEquals(1, urls.check(OPTION, array("https://images.example.com:" + port + "/x.png"), 1, 4).size());
    }

    // ---- scheme, host, user info, fragment, characters ----

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/cat.png", "ftp://93.184.216.34/cat.png", "file:///etc/passwd",
            "gopher://images.example.com/x", "javascript:alert(1)", "httpss://images.example.com/x"})
    void refusesAnythingButHttps(String url) {
        assertRefused("invalid_media_url", "image_urls[1] must use https", GOOD, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/cat.png", "cat.png", "//images.example.com/cat.png"})
    void refusesRelativeUrls(String url) {
        assertRefused("invalid_media_url", "image_urls[1] must be an absolute URL", GOOD, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///cat.png", "https:cat.png", "https:/cat.png"})
    void refusesUrlsWithoutHost(String url) {
        assertRefused("invalid_media_url", "image_urls[1] must have a host", GOOD, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@images.example.com/x.png", "https://user@images.example.com/x.png",
            "https://images.example.com@127.0.0.1/x.png", "https://a@b@images.example.com/x.png"})
    void refusesUserInfo(String url) {
        assertRefused("invalid_media_url", "image_urls[1] must not contain user info", GOOD, url);
        assertEquals(List.of(), resolver.asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://images.example.com/x.png#frag", "https://images.example.com#@127.0.0.1/"})
    void refusesFragments(String url) {
        assertRefused("invalid_media_url", "image_urls[1] must not contain a fragment", GOOD, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://images.example.com/a b.png", "https://images.example.com/a\tb.png",
            "https://images.example.com/a\u00a0b.png"})
    void refusesWhitespaceInside(String url) {
        assertRefused("invalid_media_url", "image_urls[1] contains whitespace", GOOD, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://images.example.com/a\u0000.png", "https://images.example.com/a\u007f.png",
            "https://images.example.com/a\u0085.png"})
    void refusesControlCharacters(String url) {
        assertRefused("invalid_media_url", "image_urls[1] contains a control character", GOOD, url);
    }

    @Test
    void refusesBackslashes() {
        assertRefused("invalid_media_url", "image_urls[1] contains a backslash", GOOD,
                "https://images.example.com\\@127.0.0.1/x.png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127\u30020\u30020\u30021/x.png", "https://\uff45xample.com/x.png",
            "https://images.example.com/caf\u00e9.png"})
    void refusesNonAsciiCharacters(String url) {
        assertRefused("invalid_media_url", "image_urls[1] contains a non-ASCII character", GOOD, url);
        assertEquals(List.of(), resolver.asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://", "https://[::1/x.png", "https://images.example.com/<x>.png", "https://images.example.com/%zz"})
    void refusesMalformedUrls(String url) {
        assertRefused("invalid_media_url", "image_urls[1] is not a valid URL", GOOD, url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://under_score.example.com/x.png", "https://ex%41mple.com/x.png",
            "https://[fe80::1%25eth0]/x.png", "https://[2606:4700::1%25eth0]/x.png", "https://-bad.example.com/x.png"})
    void refusesInvalidHosts(String url) {
        assertRefused("invalid_media_url", "which is not a valid host", GOOD, url);
        assertEquals(List.of(), resolver.asked);
    }

    // ---- numeric IPv4 tricks ----

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0x7F.1", "0x7f.0.0.1", "017700000001", "0177.0.0.1",
            "127.1", "127.0.1", "127.0.0.01", "010.0.0.1", "0", "1.0x7f", "169.254.43518", "images.example.0x1"})
    void refusesNumericHostFormsThatAreNotCanonicalDottedQuads(String host) {
        assertRefused("invalid_media_url", "not a valid host", GOOD, "https://" + host + "/x.png");
        assertEquals(List.of(), resolver.asked);
    }

    // ---- internal names ----

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "api.localhost", "printer.local",
            "metadata.google.internal", "db.internal", "router.home.arpa", "nas.lan", "NAS.LAN."})
    void refusesInternalNamesWithoutResolving(String host) {
        resolver.with(host.toLowerCase(), "93.184.216.34"); // even if they resolved publicly
        assertRefused("invalid_media_url", "image_urls[1] points to an internal host name", GOOD, "https://" + host + "/x.png");
        assertEquals(List.of(), resolver.asked);
    }

    @Test
    void refusesSingleLabelNamesWithoutResolving() {
        resolver.with("intranet", "93.184.216.34");
        assertRefused("invalid_media_url", "image_urls[1] must use a fully qualified public host name", GOOD,
                "https://intranet/x.png");
        assertEquals(List.of(), resolver.asked);
    }

    // ---- blocked address ranges ----

    @ParameterizedTest
    @ValueSource(strings = {
            // IPv4
            "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.5", "10.255.255.255", "172.16.0.1",
            "172.31.255.255", "192.168.0.1", "192.168.255.255", "169.254.169.254", "169.254.0.1", "100.64.0.1",
            "100.127.255.255", "198.18.0.1", "198.19.255.255", "192.0.2.10", "198.51.100.7", "203.0.113.9",
            "192.0.0.8", "192.88.99.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
            // IPv6
            "::1", "::", "fe80::1", "febf:ffff::1", "fc00::1", "fd12:3456:789a::1", "fec0::1", "ff02::1", "ff0e::fb",
            "2001:db8::1", "2001:db8:ffff::1", "3fff::1", "100::1",
            // IPv6 embedding a non-public IPv4: mapped, compatible, 6to4, NAT64; Teredo
            "::ffff:127.0.0.1", "::ffff:10.0.0.5", "::ffff:169.254.169.254", "::127.0.0.1", "::10.0.0.5",
            "2002:7f00:1::1", "2002:c0a8:101::1", "2002:a9fe:a9fe::", "64:ff9b::7f00:1", "64:ff9b::a00:5",
            "64:ff9b::a9fe:a9fe", "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"})
    void refusesNonPublicAddressesAsLiteralsAndAsResolvedNames(String address) throws UnknownHostException {
        String shown = InetAddress.getByName(address).getHostAddress();

        ApiException literal = assertRefused("invalid_media_url", "image_urls[1] points to a non-public address", GOOD,
                literalUrl(address));
        assertTrue(literal.getMessage().contains("(" + shown + ")"), literal.getMessage());

        resolver.with("sneaky.example.com", address);
        ApiException resolved = assertRefused("invalid_media_url", "image_urls[1] points to a non-public address", GOOD,
                "https://sneaky.example.com/x.png");
        assertTrue(resolved.getMessage().contains("(" + shown + ")"), resolved.getMessage());
    }

    @Test
    void refusesNameResolvingToPublicAndPrivateAddresses() {
        ApiException e = assertRefused("invalid_media_url", "image_urls[1] points to a non-public address (10.0.0.5)",
                GOOD, "https://mixed.example.com/x.png");
        assertEquals(List.of("mixed.example.com"), resolver.asked, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nowhere.example.com", "empty.example.com"})
    void refusesNamesThatDoNotResolve(String host) {
        assertRefused("invalid_media_url", "image_urls[1] host '" + host + "' does not resolve to a public address",
                GOOD, "https://" + host + "/x.png");
    }

    // ---- ports ----

    @ParameterizedTest
    @ValueSource(strings = {"0", "22", "25", "80", "444", "1023", "65536", "99999"})
    void refusesPrivilegedPortsOtherThan443AndPortsOutOfRange(String port) {
        assertRefused("invalid_media_url", "image_urls[1] uses port " + port, GOOD,
                "https://images.example.com:" + port + "/x.png");
        assertEquals(List.of(), resolver.asked);
    }

    // ---- type, count, length ----

    @Test
    void refusesValuesThatAreNotArrays() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        for (JsonNode value : new JsonNode[] {null, nodes.nullNode(), nodes.textNode(GOOD), nodes.objectNode(),
                nodes.numberNode(1), nodes.missingNode()}) {
            ApiException e = assertThrows(ApiException.class, () -> urls.check(OPTION, value, 1, 4), String.valueOf(value));
            assertEquals("invalid_field", e.code());
            assertEquals(400, e.status());
            assertEquals("image_urls must be a JSON array of https URLs", e.getMessage());
        }
    }

    @Test
    void refusesArrayElementsThatAreNotStrings() throws Exception {
        for (String json : new String[] {"[1]", "[null]", "[{}]", "[[\"" + GOOD + "\"]]", "[true]"}) {
            expectRefused(JSON.readTree(json), "invalid_field", "image_urls[0] must be a string");
        }
        expectRefused(JSON.readTree("[\"" + GOOD + "\", 5]"), "invalid_field", "image_urls[1] must be a string");
    }

    @Test
    void refusesTooManyUrlsForTheGatewayLimit() {
        MediaUrls threeAtMost = new MediaUrls(3, 2048, lookups(resolver));
        ApiException e = assertThrows(ApiException.class, () -> threeAtMost.check(OPTION, array(GOOD, GOOD, GOOD, GOOD), 1, 4));
        assertEquals("invalid_field", e.code());
        assertEquals("image_urls must contain between 1 and 3 URLs (got 4)", e.getMessage());
        assertEquals(3, threeAtMost.check(OPTION, array(GOOD, GOOD, GOOD), 1, 4).size());
    }

    @Test
    void refusesTooManyUrlsForTheModel() {
        ApiException e = assertThrows(ApiException.class, () -> urls.check(OPTION, array(GOOD, GOOD), 1, 1));
        assertEquals("invalid_field", e.code());
        assertEquals("image_urls must contain exactly 1 URL (got 2)", e.getMessage());
    }

    @Test
    void refusesTooFewUrls() {
        ApiException e = assertThrows(ApiException.class, () -> urls.check(OPTION, array(), 1, 4));
        assertEquals("invalid_field", e.code());
        assertEquals("image_urls must contain between 1 and 4 URLs (got 0)", e.getMessage());
        assertThrows(ApiException.class, () -> urls.check(OPTION, array(GOOD), 2, 4));
    }

    @Test
    void refusesUrlsLongerThanTheLimit() {
        MediaUrls short60 = new MediaUrls(4, 60, lookups(resolver));
        String prefix = "https://images.example.com/";
        String exactly60 = prefix + "a".repeat(60 - prefix.length());
        assertEquals(List.of(exactly60), short60.check(OPTION, array(exactly60), 1, 4));

        ApiException e = assertThrows(ApiException.class, () -> short60.check(OPTION, array(GOOD, exactly60 + "b"), 1, 4));
        assertEquals("invalid_media_url", e.code());
        assertEquals("image_urls[1] is longer than 60 characters", e.getMessage());
    }

    @Test
    void refusesEmptyStrings() {
        assertRefused("invalid_media_url", "image_urls[1] is empty", GOOD, "   ");
    }

    @Test
    void echoesAtMostAHundredCharactersOfCallerInput() {
        String longHost = "a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + ".localhost";
        ApiException e = assertRefused("invalid_media_url", "image_urls[1] points to an internal host name", GOOD,
                "https://" + longHost + "/x.png");
        assertTrue(e.getMessage().length() < 100 + 80, e.getMessage());
        assertTrue(!e.getMessage().contains(longHost), e.getMessage());
    }

    // ---- helpers ----

    private ApiException assertRefused(String code, String messagePart, String... values) {
        return expectRefused(array(values), code, messagePart);
    }

    private ApiException expectRefused(JsonNode value, String code, String messagePart) {
        ApiException e = assertThrows(ApiException.class, () -> urls.check(OPTION, value, 1, 4), value.toString());
        assertEquals(400, e.status());
        assertEquals(code, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), "'" + e.getMessage() + "' should contain '" + messagePart + "'");
        return e;
    }

    private static ArrayNode array(String... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }

    private static String literalUrl(String address) {
        return "https://" + (address.contains(":") ? "[" + address + "]" : address) + "/x.png";
    }

    /** Answers from a fixed table and records every host it was asked about. */
    private static HostLookups lookups(HostLookups.Resolver resolver) {
        return new HostLookups(resolver, HostLookups.Limits.defaults());
    }

    private static final class FakeResolver implements HostLookups.Resolver {
        private final Map<String, InetAddress[]> table = new HashMap<>();
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>(); // asked on a lookup thread

        FakeResolver with(String host, String... addresses) {
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                try {
                    resolved[i] = InetAddress.getByName(addresses[i]); // literals: no DNS
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(addresses[i], e);
                }
            }
            table.put(host, resolved);
            return this;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            InetAddress[] addresses = table.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        }
    }
}
