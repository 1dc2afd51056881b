-- Record what Kie.ai's recordInfo says (variable record, a TaskRecord, read by name). Never moves processing back
-- to pending; a final state fills in the result (or the failure) and the credits in the same statement. A final
-- state stays final, with one exception: a generation we gave up on (state_source 'timeout') becomes completed
-- when Kie.ai confirms the video after all, so the payer gets what it paid for. A refunded generation is never
-- changed: the refund is final (a late success is booked instead, book-success-after-refund.sql).
UPDATE generation
   SET state = CASE WHEN state = 'processing' AND CAST(:#${variable.record.state} AS text) = 'pending' THEN state
                    ELSE CAST(:#${variable.record.state} AS text) END,
       state_source = :#${variable.source},
       kie_state = :#${variable.record.kieState},
       result_urls = CASE WHEN CAST(:#${variable.record.state} AS text) = 'completed' THEN CAST(:#${variable.record.resultUrls} AS jsonb) ELSE result_urls END,
       fail_code = CASE WHEN CAST(:#${variable.record.state} AS text) = 'failed' THEN coalesce(:#${variable.record.failCode}, 'unknown')
                        WHEN CAST(:#${variable.record.state} AS text) = 'completed' THEN NULL ELSE fail_code END,
       fail_msg = CASE WHEN CAST(:#${variable.record.state} AS text) = 'failed' THEN coalesce(:#${variable.record.failMsg}, 'Kie.ai reported a failure without a message')
                       WHEN CAST(:#${variable.record.state} AS text) = 'completed' THEN NULL ELSE fail_msg END,
       credits_consumed = coalesce(CAST(:#${variable.record.creditsConsumed} AS integer), credits_consumed),
       credits_remaining = coalesce(CAST(:#${variable.creditsRemaining} AS numeric), credits_remaining),
       completed_at = CASE WHEN CAST(:#${variable.record.state} AS text) IN ('completed', 'failed') THEN now() ELSE completed_at END,
       updated_at = now(),
       poll_errors = 0,
       last_poll_error = NULL
 WHERE id = :#${variable.generationId}
   AND refund_tx IS NULL
   AND (state IN ('pending', 'processing')
        OR (state = 'failed' AND state_source = 'timeout' AND CAST(:#${variable.record.state} AS text) = 'completed'
            AND coalesce(payment_status, 'none') NOT IN ('failed', 'unpaid')))  -- unpaid work is never revived
