-- The generation this signed payment already bought, if any (one generation per payment: payment_key is unique).
SELECT id, kie_task_id, state, payment_status, price_usd, payer, idempotency_key_hash
  FROM generation
 WHERE payment_key = :#${variable.payment.paymentKey}
