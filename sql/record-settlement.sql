-- The facilitator's settlement of the payment for this generation (settled, or unpaid with the reason).
UPDATE generation
   SET payment_status = :#paymentStatus, payment_tx = :#transaction, payment_error = :#paymentError,
       settled_at = CASE WHEN CAST(:#paymentStatus AS text) = 'settled' THEN now() END, updated_at = now()
 WHERE id = :#id
