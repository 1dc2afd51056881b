package dev.videogate.x402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** /supported's answers as FacilitatorSupport reads them: what is offered, and what readiness says. */
class FacilitatorSupportTest {

    private static final String BOTH = "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:84532\"},"
            + "{\"x402Version\":1,\"scheme\":\"exact\",\"network\":\"base-sepolia\"}],\"extensions\":[]}";
    private static final String MAINNET_ONLY = "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:8453\"}]}";

    @Test
    void untilReadEverythingConfiguredIsOfferedAndNothingIsWrong() {
        FacilitatorSupport support = new FacilitatorSupport(X402Network.BASE_SEPOLIA);
        assertTrue(support.offers(2) && support.offers(1));
        assertNull(support.problem());
        assertFalse(new FacilitatorSupport(X402Network.parse("eip155:31337")).offers(1), "no v1 name, no v1 offer");
    }

    @Test
    void whatItListsIsWhatIsOffered() {
        FacilitatorSupport support = new FacilitatorSupport(X402Network.BASE_SEPOLIA);
        support.answered(200, BOTH);
        long revision = support.revision();
        assertTrue(support.offers(2) && support.offers(1));
        support.answered(200, MAINNET_ONLY);
        assertFalse(support.offers(2) || support.offers(1));
        assertTrue(support.revision() > revision, "what was rendered before is stale");
        assertEquals("the facilitator does not support exact payments on base-sepolia (eip155:84532) (its /supported lists:"
                + " v2 exact on eip155:8453)", support.problem());
    }

    @Test
    void aFailedOrUnreadableReadKeepsWhatWasKnown() {
        FacilitatorSupport support = new FacilitatorSupport(X402Network.BASE_SEPOLIA);
        support.answered(200, MAINNET_ONLY);
        for (String body : new String[] {"not json", "{\"kinds\":7}", null}) {
            support.answered(200, body);
            assertFalse(support.offers(2), "still what was read last");
            assertTrue(support.lastReadProblem().startsWith("/supported gave"), support.lastReadProblem());
        }
        support.answered(502, "{}");
        support.unanswered("could not be reached");
        assertFalse(support.offers(2));
        support.answered(200, BOTH);
        assertNull(support.problem());
        assertNull(support.lastReadProblem());
    }

    @Test
    void refusedCredentialsAreAProblemUntilACallIsAccepted() {
        FacilitatorSupport support = new FacilitatorSupport(X402Network.BASE);
        support.answered(401, "{\"error\":\"unauthorized\"}");
        assertEquals("the facilitator refuses our credentials (HTTP 401 on /supported)", support.problem());
        assertTrue(support.offers(2), "what was known stands");
        support.accepted();
        assertNull(support.problem());
        support.refused("/verify", 403);
        assertEquals("the facilitator refuses our credentials (HTTP 403 on /verify)", support.problem());
        support.answered(200, "{\"kinds\":[{\"x402Version\":2,\"scheme\":\"exact\",\"network\":\"eip155:8453\"}]}");
        assertNull(support.problem());
        assertFalse(support.offers(1), "base's v1 is not listed");
    }
}
