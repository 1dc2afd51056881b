-- The refund ledger (view refund_ledger): paid and failed; owed = not refunded yet. Listed too: refunded entries whose
-- video Kie.ai made after all (delivered after refund: work done for a refunded payment). ?all=true lists every one.
SELECT generation_id, payer, amount_atomic::text AS amount_atomic, network, payment_transaction, fail_code, fail_msg,
       to_char(failed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS failed_at, refund_tx,
       to_char(refunded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS refunded_at,
       to_char(delivered_after_refund_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS delivered_after_refund_at,
       CASE WHEN delivered_after_refund_at IS NOT NULL THEN credits_consumed END AS credits_after_refund
  FROM refund_ledger
 WHERE refund_tx IS NULL OR delivered_after_refund_at IS NOT NULL
    OR coalesce(CAST(:#${variable.includeRefunded} AS text), '') = 'true'
 ORDER BY failed_at
