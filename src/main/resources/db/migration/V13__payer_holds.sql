-- One balance, one purchase. The facilitator's /verify holds no funds: payments signed at once against a balance
-- that covers one all verify. So a paid generation row is also a hold on its payer's balance, and it is written
-- (sql/insert-generation.sql) only if the balance read after /verify covers it on top of what the payer's other
-- payments still hold (routes/15-payment.yaml reads the balance).
--
-- payer_funds_held: what this payer's other payments hold, in USDC atomic units, for a payment about to be written.
-- It first takes a lock on the payer for the rest of the caller's transaction, so one payer's purchases are decided
-- one at a time by every instance sharing this database, and then reads with a fresh snapshot (a VOLATILE function
-- does, in READ COMMITTED): a hold committed by the previous lock holder counts. A hold is:
--   * a payment whose money may still move: verified, settling, settle_unknown (failed ones, and rows deleted because
--     their task never started, hold nothing);
--   * a payment settled since p_settled_since: its transfer may be missing from a balance read around then (the
--     caller passes the balance read's start, minus the RPC's lag behind the facilitator's view of the chain);
--   * never the same signed payment (p_payment_key): sent twice, it is one purchase (the unique key decides).
CREATE FUNCTION payer_funds_held(p_network text, p_payer text, p_payment_key text, p_settled_since timestamptz)
    RETURNS numeric
    VOLATILE
    LANGUAGE plpgsql
AS $$
BEGIN
    IF p_payer IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('payer-funds:' || coalesce(p_network, '') || ':' || p_payer, 0));
    RETURN (SELECT coalesce(sum(amount_atomic), 0) FROM generation
             WHERE payer = p_payer AND payment_network IS NOT DISTINCT FROM p_network
               AND payment_key IS DISTINCT FROM p_payment_key
               AND payment_status IN ('verified', 'settling', 'settle_unknown'))
         + (SELECT coalesce(sum(amount_atomic), 0) FROM generation
             WHERE payer = p_payer AND payment_network IS NOT DISTINCT FROM p_network
               AND payment_key IS DISTINCT FROM p_payment_key
               AND payment_status = 'settled' AND settled_at >= p_settled_since);
END;
$$;

CREATE INDEX generation_payer_open_idx ON generation (payer) WHERE payment_status IN ('verified', 'settling', 'settle_unknown');
CREATE INDEX generation_payer_settled_idx ON generation (payer, settled_at) WHERE payment_status = 'settled';
