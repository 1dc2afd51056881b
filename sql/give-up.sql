-- The generation ran out of time or of status checks: fail it with a reason the caller can read.
UPDATE generation
   SET state = 'failed', state_source = 'timeout', fail_code = :#${variable.failCode}, fail_msg = :#${variable.failMsg},
       completed_at = now(), updated_at = now()
 WHERE id = :#${variable.generationId} AND state IN ('pending', 'processing')
