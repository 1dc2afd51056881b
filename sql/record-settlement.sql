-- What the facilitator's /settle came to for this generation: settled, failed (refused: nothing moved), or
-- settle_unknown (no usable answer: the reconciler asks the chain next). Reads variable settlement by name.
UPDATE generation
   SET payment_status = :#${variable.settlement.paymentStatus},
       payment_tx = coalesce(:#${variable.settlement.transaction}, payment_tx),
       payment_error = :#${variable.settlement.paymentError},
       settled_at = CASE WHEN CAST(:#${variable.settlement.paymentStatus} AS text) = 'settled' THEN now() ELSE settled_at END,
       next_reconcile_at = CASE WHEN CAST(:#${variable.settlement.paymentStatus} AS text) = 'settle_unknown' THEN now() END,
       updated_at = now()
 WHERE id = :#${variable.settlement.generationId}
   AND payment_status IN ('verified', 'settling', 'settle_unknown')
