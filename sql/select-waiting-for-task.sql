-- The generation a callback's ?generation= names, if it is still without a task (its createTask answer was lost):
-- which Kie.ai family to ask about the task before adopting it.
SELECT id, kie_family, kie_family = 'veo' AND options->>'resolution' = '1080p' AS fetch_1080p
  FROM generation
 WHERE id = :#${variable.adoptGenerationId} AND kie_task_id IS NULL AND state IN ('creating', 'unconfirmed', 'failed')
