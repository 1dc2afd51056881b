package dev.videogate.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The role the routes run as: it may read and write the rows of the bundle's own tables and nothing else (no
 * DDL, no other schema, no owner-only table, no superuser, no server programs or files). Given a role that may
 * create roles (the embedded server's postgres, or a DATABASE_URL with an admin user) the bundle makes one, named
 * for the database and schema (RuntimeRoleName); otherwise it uses app.db.runtime-user, or the configured role itself
 * when that role is already plain. Whatever the case, a privileged runtime role stops the start.
 */
record RuntimeRole(String user, String password) {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeRole.class);
    private static final String NAME = "[a-z_][a-z0-9_]{0,62}";
    /** Tables the runtime role must not touch: the migration history, and the secrets (token key, its own password). */
    private static final List<String> OWNER_ONLY = List.of("flyway_schema_history", "owner_secret");
    /** Tables the runtime role reads but must not change: the legal state transitions its own updates are held to. */
    private static final List<String> READ_ONLY = List.of("state_transition");

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
                // every instance logs in with the same password: the operator's, or one made once and kept by the owner
                role = new RuntimeRole(RuntimeRoleName.of(currentDatabase(c), schema),
                        runtimePassword != null ? runtimePassword : OwnerSecrets.text(c, "runtime-password"));
                create(c, role);
                grant(c, schema, role.user());
            } else {
                LOG.warn("app.db: the routes run as the configured role {}, which owns the tables and reads the access-token"
                        + " key: set app.db.runtime-user (docs/security.md, Database roles)", ownerUser);
                role = new RuntimeRole(ownerUser, ownerPassword);
            }
            LegacyRuntimeRole.retire(c, schema, role.user(), ownerUser);
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

    private static String currentDatabase(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void create(Connection c, RuntimeRole role) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN CREATE ROLE " + role.user() + "; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            st.execute("ALTER ROLE " + role.user() + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT");
        }
        // the same password at every start (other instances' connections go on working); sent as the server's hash
        // (SCRAM or md5, hashed here), so the password itself is in no statement the server may log
        c.unwrap(PGConnection.class).alterUserPassword(role.user(), role.password().toCharArray(), null);
    }

    private static void grant(Connection c, String schema, String user) throws SQLException {
        List<String> grants = new ArrayList<>(List.of(
                "GRANT USAGE ON SCHEMA " + schema + " TO " + user,
                "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + user,
                "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + user));
        OWNER_ONLY.forEach(table -> grants.add("REVOKE ALL ON TABLE " + schema + "." + table + " FROM " + user));
        READ_ONLY.forEach(table -> grants.add("REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON TABLE "
                + schema + "." + table + " FROM " + user));
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
                                + ". Give the bundle a plain role (docs/security.md, Database roles), or leave app.db.runtime-user"
                                + " empty and connect with an admin role so the bundle makes one.");
                    }
                }
            }
        }
    }

    private static String checkedName(String name, String setting) {
        if (!name.matches(NAME)) {
            throw new IllegalStateException(setting + ": '" + name + "' is not a plain lower-case SQL name");
        }
        return name;
    }
}
