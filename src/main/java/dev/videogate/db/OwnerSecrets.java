package dev.videogate.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;

/**
 * Secrets every instance on one database shares (table owner_secret): 256 random bits made by the first instance,
 * read by all. Only through the owner's connection: the runtime role has no grant on the table.
 */
final class OwnerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private OwnerSecrets() {
    }

    /** The secret as URL-safe base64 (43 characters), made now if this database has none yet. */
    static String text(Connection owner, String name) throws SQLException {
        byte[] fresh = new byte[32];
        RANDOM.nextBytes(fresh);
        try (PreparedStatement insert = owner.prepareStatement(
                "INSERT INTO owner_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, Base64.getUrlEncoder().withoutPadding().encodeToString(fresh));
            insert.executeUpdate();
        }
        try (PreparedStatement select = owner.prepareStatement("SELECT value FROM owner_secret WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    static byte[] bytes(Connection owner, String name) throws SQLException {
        return Base64.getUrlDecoder().decode(text(owner, name));
    }
}
