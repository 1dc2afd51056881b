-- What the facilitator's /settle came to for this generation: settled, failed (refused: nothing moved), or
-- settle_unknown (no usable answer: the reconciler asks the chain next). Reads variable settlement by name.
-- Committed without waiting for the disk flush: should a PostgreSQL crash lose it, the row still says 'settling'
-- and the reconciler learns the outcome from the chain, which is the truth this row only mirrors.
UPDATE generation
   SET payment_status = :#${variable.settlement.paymentStatus},
       payment_tx = coalesce(:#${variable.settlement.transaction}, payment_tx),
       payment_error = :#${variable.settlement.paymentError},
       settled_at = CASE WHEN CAST(:#${variable.settlement.paymentStatus} AS text) = 'settled' THEN now() ELSE settled_at END,
       next_reconcile_at = CASE WHEN CAST(:#${variable.settlement.paymentStatus} AS text) = 'settle_unknown' THEN now() END,
       updated_at = now()
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush_wait
 WHERE id = :#${variable.settlement.generationId}
   AND payment_status IN ('verified', 'settling', 'settle_unknown')
