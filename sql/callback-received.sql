-- Note the callback on the task it names; the answer tells the route whether there is anything left to do.
UPDATE generation
   SET callback_at = coalesce(callback_at, now()), callback_count = callback_count + 1
 WHERE kie_task_id = :#${variable.taskId}
RETURNING id, state
