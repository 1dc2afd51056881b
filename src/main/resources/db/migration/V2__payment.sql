-- x402: who paid, how much, and whether the money actually moved. One payment buys one generation:
-- the EIP-3009 nonce is unique per (token, payer), so (network, asset, payer, nonce) is the key.
ALTER TABLE generation
    ADD COLUMN payment_key      text UNIQUE,
    ADD COLUMN payment_version  integer,
    ADD COLUMN payment_network  text,
    ADD COLUMN payer            text,
    ADD COLUMN amount_atomic    numeric(78, 0),
    ADD COLUMN payment_status   text CHECK (payment_status IN ('verified', 'settled', 'unpaid')),
    ADD COLUMN payment_tx       text,
    ADD COLUMN payment_error    text,
    ADD COLUMN settled_at       timestamptz,
    ADD COLUMN read_token_hash  text;
