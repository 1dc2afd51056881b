package dev.videogate.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videogate.payment.ReadTokens;
import dev.videogate.support.Json;
import dev.videogate.support.PaidGatewayTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A paid answer's access token is an HMAC of the payment under a key the database keeps. Logged in as the runtime role
 * (what SQL run by the routes would be), every row of every table it may read is tried as that key: none computes the
 * payer's token. The owner, who reads the key, does compute it: the search looked for the right thing.
 */
class RuntimeRoleCannotMintTokensTest extends PaidGatewayTest {

    @Test
    void noTableTheRuntimeRoleReadsHoldsTheTokenKey() throws Exception {
        JsonNode paid = x402.pay("v2", gateway.url("/api/generate"), x402.payerKey(0), Json.request("a key under the doormat"));
        assertEquals(200, paid.get("status").asInt(), paid.toString());
        String token = paid.at("/body/accessToken").asText();
        String id = paid.at("/body/generationId").asText();

        String paymentKey;
        try (Connection runtime = DriverManager.getConnection(db.jdbcUrl(), db.runtimeRole(), null)) {
            runtime.setSchema(db.schema());
            paymentKey = paymentKey(runtime, id); // public once the transfer is on chain anyway
            List<String> tables = readableTables(runtime);
            assertTrue(tables.contains("generation"), "the role reads its tables: " + tables);
            for (String table : tables) {
                for (String value : values(runtime, table)) {
                    for (byte[] key : readingsOf(value)) {
                        if (ReadTokens.forPayment(key, paymentKey).equals(token)) {
                            fail("the runtime role reads the access-token key in table " + table);
                        }
                    }
                }
            }
        }

        String ownersKey = (String) db.rows("SELECT value FROM owner_secret WHERE name = 'read-token'").get(0).get("value");
        assertEquals(token, ReadTokens.forPayment(Base64.getUrlDecoder().decode(ownersKey), paymentKey), "the owner's key made the token");
    }

    private static String paymentKey(Connection c, String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT payment_key FROM generation WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), id);
                return rs.getString(1);
            }
        }
    }

    private List<String> readableTables(Connection c) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm') AND has_table_privilege(c.oid, 'SELECT')")) {
            st.setString(1, db.schema());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return tables;
    }

    private static List<String> values(Connection c, String table) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table)) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String value = rs.getString(i);
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }

    /** The ways a key may be kept as text: base64 of either alphabet, or the text's own bytes. */
    private static List<byte[]> readingsOf(String value) {
        List<byte[]> keys = new ArrayList<>();
        keys.add(value.getBytes(StandardCharsets.UTF_8));
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                keys.add(decoder.decode(value.trim()));
            } catch (IllegalArgumentException notBase64) {
                // not this reading
            }
        }
        keys.removeIf(key -> key.length == 0); // no HMAC key
        return keys;
    }
}
