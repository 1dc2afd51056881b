-- Several tokens on one network (app.x402.accepts): a payer's payments in one token hold nothing of its balance in
-- another. payer_funds_held with the token: what this payer's other payments in that token (network and asset: the
-- start of their payment_key, PaymentIdentity) still hold, counted as V13__payer_holds.sql counts them. The lock stays
-- per network and payer (as in V13, so instances of either version still decide one payer's purchases one at a time).
CREATE FUNCTION payer_funds_held(p_network text, p_asset text, p_payer text, p_payment_key text, p_settled_since timestamptz)
    RETURNS numeric
    VOLATILE
    LANGUAGE plpgsql
AS $$
DECLARE
    v_prefix text := lower(coalesce(p_network, '') || ':' || coalesce(p_asset, '') || ':');
BEGIN
    IF p_payer IS NULL THEN
        RETURN 0;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtextextended('payer-funds:' || coalesce(p_network, '') || ':' || p_payer, 0));
    RETURN (SELECT coalesce(sum(amount_atomic), 0) FROM generation
             WHERE payer = p_payer AND left(payment_key, length(v_prefix)) = v_prefix
               AND payment_key IS DISTINCT FROM p_payment_key
               AND payment_status IN ('verified', 'settling', 'settle_unknown'))
         + (SELECT coalesce(sum(amount_atomic), 0) FROM generation
             WHERE payer = p_payer AND left(payment_key, length(v_prefix)) = v_prefix
               AND payment_key IS DISTINCT FROM p_payment_key
               AND payment_status = 'settled' AND settled_at >= p_settled_since);
END;
$$;
