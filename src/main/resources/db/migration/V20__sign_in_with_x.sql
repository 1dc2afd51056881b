-- Sign-in-with-x (issue 21): a payer that lost its access token proves with the paying wallet's signature who it is,
-- and reads (and lists) the generations that wallet paid for. The challenge's nonce is stateless (HMAC-signed, with
-- its expiry: a 402 writes nothing); a proof is good once, so its nonce is spent here when the proof is accepted
-- (sql/siwx-spend-nonce.sql, INSERT ... ON CONFLICT DO NOTHING: of two requests with one proof, one wins). A spent
-- nonce past its expiry would be refused as expired anyway, so its row is then deleted (sql/siwx-clean-nonces.sql).
CREATE TABLE siwx_nonce (
    nonce       text PRIMARY KEY,
    wallet      text NOT NULL,                       -- who signed in with it (EIP-55 form)
    spent_at    timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL                 -- after this the nonce is refused as expired: its row may go
);
CREATE INDEX siwx_nonce_expires_idx ON siwx_nonce (expires_at);

-- GET /api/generations: one wallet's generations, newest first, keyset-paged on (created_at, id).
CREATE INDEX generation_payer_created_idx ON generation (payer, created_at DESC, id DESC) WHERE payer IS NOT NULL;
