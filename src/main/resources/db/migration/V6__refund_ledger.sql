-- The refund ledger: every generation that was paid for and ended failed (Kie.ai failed it, we gave it up, or it
-- ran out of time) is owed back to its payer until an operator records the refund transaction. A late success
-- confirmed by Kie.ai (the only move out of failed) takes it off the ledger by itself.
ALTER TABLE generation
    ADD COLUMN refund_tx    text,
    ADD COLUMN refunded_at  timestamptz;

CREATE VIEW refund_ledger AS
SELECT id AS generation_id, payer, amount_atomic, payment_network AS network, payment_tx AS payment_transaction,
       fail_code, fail_msg, completed_at AS failed_at, refund_tx, refunded_at
  FROM generation
 WHERE payment_status = 'settled' AND state = 'failed';
