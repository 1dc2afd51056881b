-- Payment states that never lie. A settlement whose answer was lost is not "unpaid": the transfer may be on
-- chain. verified -> settling -> settled | settle_unknown | failed, and the reconciler turns every
-- settle_unknown (and every stale verified/settling row) into settled or failed by asking the chain.
-- 'unpaid' stays readable for rows written before this change (it meant what 'failed' means now, or unknown).
ALTER TABLE generation DROP CONSTRAINT generation_payment_status_check;
ALTER TABLE generation ADD CONSTRAINT generation_payment_status_check
    CHECK (payment_status IN ('verified', 'settling', 'settled', 'settle_unknown', 'failed', 'unpaid'));

ALTER TABLE generation
    ADD COLUMN payment_nonce         text,            -- the EIP-3009 nonce: with payer, what the chain is asked about
    ADD COLUMN payment_valid_before  bigint,          -- after this (unix seconds) the authorization can no longer move money
    ADD COLUMN settle_request        jsonb,           -- the exact /settle body, to settle again if the first answer was lost
    ADD COLUMN next_reconcile_at     timestamptz,
    ADD COLUMN reconcile_count       integer NOT NULL DEFAULT 0;

CREATE INDEX generation_unconfirmed_idx ON generation (updated_at)
    WHERE payment_status IN ('verified', 'settling', 'settle_unknown');

-- A generation whose video was ready while its payment was being confirmed is released when the payment is
-- settled: wake the long-poll callers then too (and when it failed, so they hear it).
CREATE FUNCTION generation_payment_resolved() RETURNS trigger AS $$
BEGIN
    IF NEW.state IN ('completed', 'failed') THEN
        PERFORM pg_notify('generation_final', NEW.id);
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER generation_payment_resolved
    AFTER UPDATE OF payment_status ON generation
    FOR EACH ROW
    WHEN (NEW.payment_status IS DISTINCT FROM OLD.payment_status AND NEW.payment_status IN ('settled', 'failed'))
    EXECUTE FUNCTION generation_payment_resolved();
