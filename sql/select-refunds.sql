-- The refund ledger (view refund_ledger): paid and failed; owed = not refunded yet. ?all=true lists refunded ones too.
SELECT generation_id, payer, amount_atomic::text AS amount_atomic, network, payment_transaction, fail_code, fail_msg,
       to_char(failed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS failed_at, refund_tx,
       to_char(refunded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS refunded_at
  FROM refund_ledger
 WHERE refund_tx IS NULL OR coalesce(CAST(:#${variable.includeRefunded} AS text), '') = 'true'
 ORDER BY failed_at
