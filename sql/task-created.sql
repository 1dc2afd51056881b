-- Kie.ai accepted the task: from now on the callback or the poller will finish it.
UPDATE generation
   SET state = 'pending', state_source = 'create', kie_task_id = :#${variable.kieTaskId},
       task_created_at = now(), updated_at = now(),
       next_poll_at = now() + CAST(:#${properties:app.poll.grace-ms} AS integer) * interval '1 millisecond'
 WHERE id = :#${variable.generation.generationId} AND state = 'creating'
