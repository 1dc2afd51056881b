package dev.videogate.db;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;

/** Secrets shared by every instance on one database (table gateway_secret): made by the first, read by all. */
public final class GatewaySecrets {

    private GatewaySecrets() {
    }

    public static byte[] get(DataSource db, String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = db.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO gateway_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                insert.setString(1, name);
                insert.setString(2, Base64.getEncoder().encodeToString(fresh));
                insert.executeUpdate();
            }
            try (PreparedStatement select = c.prepareStatement("SELECT value FROM gateway_secret WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return Base64.getDecoder().decode(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("app.db: could not read the shared secret '" + name + "': " + e.getMessage(), e);
        }
    }
}
