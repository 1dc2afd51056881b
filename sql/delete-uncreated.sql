-- Kie.ai did not create the task: remove the row written for it (nothing was charged, nothing remains).
DELETE FROM generation WHERE id = :#${variable.generation.generationId} AND state = 'creating'
