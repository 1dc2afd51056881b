-- Every paid request the database knows, for the reconciliation report (newest first, bounded).
SELECT id, payer, payment_nonce, payment_key, payment_network, payment_status, payment_tx, state, kie_task_id, amount_atomic::text AS amount_atomic,
       refund_tx, delivered_after_refund_at IS NOT NULL AS delivered_after_refund
  FROM generation
 WHERE payment_key IS NOT NULL AND payment_nonce IS NOT NULL
 ORDER BY created_at DESC
 LIMIT CAST(:#${properties:app.admin.report-limit} AS integer)
