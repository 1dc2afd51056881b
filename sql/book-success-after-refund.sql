-- Kie.ai made the video of a generation whose payer was already refunded (record-task-state.sql leaves such a row
-- alone): the refund stands and the result is not released, but the late success is booked on the refund ledger,
-- with the credits it cost. Once only; returns the row when it was booked now.
UPDATE generation
   SET delivered_after_refund_at = now(),
       kie_state = :#${variable.record.kieState},
       credits_consumed = coalesce(CAST(:#${variable.record.creditsConsumed} AS integer), credits_consumed),
       updated_at = now()
 WHERE id = :#${variable.generationId} AND refund_tx IS NOT NULL AND delivered_after_refund_at IS NULL
RETURNING id
