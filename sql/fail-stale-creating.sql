-- A row still 'creating' long after its request, or whose payment the reconciler found never moved, means the
-- bundle stopped between writing it and hearing back from Kie.ai: no task id is known, no payment was settled;
-- close it so nobody waits on it (and a retry of the same payment hears that it ended).
UPDATE generation
   SET state = 'failed', state_source = 'timeout', fail_code = 'interrupted',
       fail_msg = 'The gateway stopped before Kie.ai confirmed the task; nothing was charged',
       completed_at = now(), updated_at = now()
 WHERE state = 'creating' AND (created_at < now() - interval '10 minutes' OR payment_status = 'failed')
