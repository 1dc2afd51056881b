package dev.videogate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Earlier versions ran the routes as gateway_<schema>: one name for that schema in every database of a server, with
 * a password anyone could compute when the owner had none. After an upgrade it loses its rights on our schema, once
 * no session of it is left on this database (an instance of the earlier version still running keeps working until
 * it is replaced; the next start retires it). The role itself stays: it may serve a deployment in another database.
 */
final class LegacyRuntimeRole {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyRuntimeRole.class);

    private LegacyRuntimeRole() {
    }

    static void retire(Connection owner, String schema, String... inUse) throws SQLException {
        String legacy = RuntimeRoleName.legacy(schema);
        for (String name : inUse) {
            if (legacy.equals(name)) {
                return;
            }
        }
        if (!hasRights(owner, legacy, schema)) {
            return;
        }
        if (connected(owner, legacy)) {
            LOG.warn("Role {} (the runtime role of an earlier version) is still connected to this database: its rights on"
                    + " schema {} are revoked at the first start when it is not", legacy, schema);
            return;
        }
        try (Statement st = owner.createStatement()) {
            st.execute("REVOKE ALL ON ALL TABLES IN SCHEMA " + schema + " FROM " + legacy);
            st.execute("REVOKE ALL ON ALL SEQUENCES IN SCHEMA " + schema + " FROM " + legacy);
            st.execute("REVOKE ALL ON SCHEMA " + schema + " FROM " + legacy);
        }
        LOG.info("Role {} (the runtime role of an earlier version) has no rights on schema {} any more; drop it when no other"
                + " database uses it: DROP OWNED BY {}; DROP ROLE {}", legacy, schema, legacy, legacy);
    }

    private static boolean hasRights(Connection owner, String role, String schema) throws SQLException {
        try (PreparedStatement st = owner.prepareStatement(
                "SELECT 1 FROM pg_roles WHERE rolname = ? AND has_schema_privilege(rolname, ?, 'USAGE')")) {
            st.setString(1, role);
            st.setString(2, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean connected(Connection owner, String role) throws SQLException {
        try (PreparedStatement st = owner.prepareStatement(
                "SELECT 1 FROM pg_stat_activity WHERE usename = ? AND datname = current_database()")) {
            st.setString(1, role);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
