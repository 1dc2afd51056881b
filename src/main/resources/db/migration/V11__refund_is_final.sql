-- A refund is final: a generation whose payer was refunded is never turned into a delivered one. When Kie.ai still
-- makes the video (a late success after we gave the generation up and the operator refunded the payer), the result
-- is not released, and the late success is booked: delivered_after_refund_at (with the credits it cost) shows on the
-- refund ledger and in the reconciliation report, so the operator sees the work done for a refunded payment.
ALTER TABLE generation ADD COLUMN delivered_after_refund_at timestamptz;

CREATE OR REPLACE VIEW refund_ledger AS
SELECT id AS generation_id, payer, amount_atomic, payment_network AS network, payment_tx AS payment_transaction,
       fail_code, fail_msg, completed_at AS failed_at, refund_tx, refunded_at, delivered_after_refund_at, credits_consumed
  FROM generation
 WHERE payment_status = 'settled' AND state = 'failed';
