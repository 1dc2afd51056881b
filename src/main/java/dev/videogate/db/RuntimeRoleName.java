package dev.videogate.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of the runtime role the bundle makes. Roles belong to the whole server, not to one database: the name
 * carries a hash of the database and schema, so two deployments on one server never share a role (nor set each
 * other's password), and stays readable by starting with gateway_<schema>.
 */
public final class RuntimeRoleName {

    private static final int MAX = 63; // PostgreSQL's identifier limit

    private RuntimeRoleName() {
    }

    public static String of(String database, String schema) {
        String suffix = "_" + HexFormat.of().formatHex(sha256(database + "/" + schema), 0, 4);
        return truncated("gateway_" + schema, MAX - suffix.length()) + suffix;
    }

    /** The name versions before issue 17 used: the same for a schema of that name in every database of a server. */
    static String legacy(String schema) {
        return truncated("gateway_" + schema, MAX);
    }

    private static String truncated(String name, int length) {
        return name.substring(0, Math.min(length, name.length()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
