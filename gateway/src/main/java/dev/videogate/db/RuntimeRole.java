package dev.videogate.db;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The role the routes run as: it may read and write the rows of the bundle's own tables and nothing else (no
 * DDL, no other schema, no superuser, no server programs or files). Given a role that may create roles (the
 * embedded server's postgres, or a DATABASE_URL with an admin user) the bundle makes one, gateway_<schema>;
 * otherwise it uses app.db.runtime-user, or the configured role itself when that role is already plain.
 * Whatever the case, a privileged runtime role stops the start.
 */
record RuntimeRole(String user, String password) {

    private static final String NAME = "[a-z_][a-z0-9_]{0,62}";

    static RuntimeRole prepare(DataSource owner, String schema, String ownerUser, String ownerPassword,
                               String runtimeUser, String runtimePassword) {
        try (Connection c = owner.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // two instances starting together must not GRANT at the same time ("tuple concurrently updated")
                st.execute("SELECT pg_advisory_xact_lock(hashtext('video-gateway-roles'))");
            }
            RuntimeRole role;
            if (runtimeUser != null) {
                role = new RuntimeRole(checkedName(runtimeUser, "app.db.runtime-user"), runtimePassword);
                grant(c, schema, role.user());
            } else if (canCreateRoles(c)) {
                String name = ("gateway_" + schema).substring(0, Math.min(63, ("gateway_" + schema).length()));
                role = new RuntimeRole(name, runtimePassword != null ? runtimePassword : derivedPassword(ownerPassword, name));
                create(c, role);
                grant(c, schema, role.user());
            } else {
                role = new RuntimeRole(ownerUser, ownerPassword);
            }
            c.commit();
            refuseIfPrivileged(c, role.user());
            return role;
        } catch (SQLException e) {
            throw new IllegalStateException("app.db: could not prepare the runtime role: " + e.getMessage(), e);
        }
    }

    private static boolean canCreateRoles(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    private static void create(Connection c, RuntimeRole role) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE " + role.user() + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            st.execute("ALTER ROLE " + role.user() + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT"
                    + " PASSWORD " + literal(role.password()));
        }
    }

    private static void grant(Connection c, String schema, String user) throws SQLException {
        List<String> grants = new ArrayList<>(List.of(
                "GRANT USAGE ON SCHEMA " + schema + " TO " + user,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + user,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + user,
                // the migration history belongs to the owner alone
                "REVOKE ALL ON TABLE " + schema + ".flyway_schema_history FROM " + user));
        try (Statement st = c.createStatement()) {
            for (String grant : grants) {
                st.execute(grant);
            }
        }
    }

    private static void refuseIfPrivileged(Connection c, String user) throws SQLException {
        String sql = "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls,"
                + " pg_has_role(rolname, 'pg_execute_server_program', 'MEMBER'),"
                + " pg_has_role(rolname, 'pg_read_server_files', 'MEMBER'),"
                + " pg_has_role(rolname, 'pg_write_server_files', 'MEMBER')"
                + " FROM pg_roles WHERE rolname = ?";
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, user);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("app.db: role '" + user + "' does not exist");
                }
                String[] what = {"a superuser", "allowed to create roles", "allowed to create databases", "exempt from row security",
                        "allowed to run server programs", "allowed to read server files", "allowed to write server files"};
                for (int i = 0; i < what.length; i++) {
                    if (rs.getBoolean(i + 1)) {
                        throw new IllegalStateException("app.db: the routes would run as role '" + user + "', which is " + what[i]
                                + ". Give the bundle a plain role (README, Security: database roles), or leave app.db.runtime-user"
                                + " empty and connect with an admin role so the bundle makes one.");
                    }
                }
            }
        }
    }

    /**
     * Stable across instances and restarts that share the configuration, unknown to anyone without the owner's
     * password (with trust authentication, as on the embedded server, passwords are not checked anyway).
     */
    private static String derivedPassword(String ownerPassword, String role) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("video-gateway:" + (ownerPassword == null ? "" : ownerPassword)).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(role.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static String checkedName(String name, String setting) {
        if (!name.matches(NAME)) {
            throw new IllegalStateException(setting + ": '" + name + "' is not a plain lower-case SQL name");
        }
        return name;
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
