-- The facilitator's settlement of the payment for this generation (settled, or unpaid with the reason).
-- Reads variable settlement (Settlement) by name.
UPDATE generation
   SET payment_status = :#${variable.settlement.paymentStatus}, payment_tx = :#${variable.settlement.transaction},
       payment_error = :#${variable.settlement.paymentError},
       settled_at = CASE WHEN CAST(:#${variable.settlement.settled} AS boolean) THEN now() END, updated_at = now()
 WHERE id = :#${variable.settlement.generationId}
