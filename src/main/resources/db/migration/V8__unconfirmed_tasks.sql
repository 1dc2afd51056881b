-- A createTask whose answer never came (timeout, lost connection, the instance stopped) may still have started a
-- task at Kie.ai. Such a row is 'unconfirmed', not deleted: its signed payment stays bound to it (no second use),
-- and when Kie.ai calls back (the callBackUrl names the generation) the task is adopted, paid for and delivered.
-- Unconfirmed for longer than app.kie.adopt-window-ms, or past its payment's validity, it fails, uncharged.
ALTER TABLE generation DROP CONSTRAINT generation_state_check;
ALTER TABLE generation ADD CONSTRAINT generation_state_check
    CHECK (state IN ('creating', 'unconfirmed', 'pending', 'processing', 'completed', 'failed'));

DROP INDEX generation_creating_idx;
CREATE INDEX generation_creating_idx ON generation (created_at) WHERE state IN ('creating', 'unconfirmed');

-- The caller's own Idempotency-Key (SHA-256): the one thing a replay can show that the chain does not. It lets the
-- payer read its result after the signed authorization became public on chain.
ALTER TABLE generation ADD COLUMN idempotency_key_hash text;

-- Kie.ai credits spent on work nobody paid for: a task ran (or was adopted) but its payment failed for good. Kept
-- for the operator's books; the result is never delivered.
CREATE VIEW lost_credits AS
SELECT id AS generation_id, kie_task_id, model, kie_model, credits_consumed, payer, amount_atomic,
       payment_network AS network, payment_error, state, task_created_at, updated_at
  FROM generation
 WHERE kie_task_id IS NOT NULL AND payment_status IN ('failed', 'unpaid');
