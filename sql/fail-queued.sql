-- A queued generation that will get no task: Kie.ai refused its createTask (an error answer other than 429), or its
-- deadline passed while it waited (expire-queued.sql does that for many at once). Failed with the reason; its payment,
-- never settled, is failed too: nothing was charged, and the authorization expires unused.
UPDATE generation
   SET state = 'failed', state_source = 'queue', fail_code = :#${variable.failCode}, fail_msg = :#${variable.failMsg},
       payment_status = CASE WHEN payment_status = 'verified' THEN 'failed' ELSE payment_status END,
       payment_error = CASE WHEN payment_status = 'verified' THEN 'not_settled: ' || :#${variable.failCode} || '; nothing was charged'
                            ELSE payment_error END,
       completed_at = now(), updated_at = now()
 WHERE id = :#${variable.generation.generationId} AND state IN ('queued', 'creating') AND kie_task_id IS NULL
