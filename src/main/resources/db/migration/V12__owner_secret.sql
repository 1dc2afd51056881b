-- Secrets only the owner (the role that migrates) may read: the key access tokens are derived from, and the password
-- of the runtime role the bundle makes. The runtime role gets no grant on this table (db/RuntimeRole), so SQL run by
-- the routes can neither mint a payer's token nor learn a password. gateway_secret was readable by the runtime role:
-- its key is not carried over (tokens already handed out stay valid: they are checked against their stored hash).
CREATE TABLE owner_secret (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
REVOKE ALL ON TABLE owner_secret FROM PUBLIC;

DROP TABLE gateway_secret;
