-- The model catalog (models.yaml): each generation remembers which Kie.ai API family makes it (market =
-- jobs/createTask, veo = veo/generate), since the catalog may change while it runs, and how its price was made.
ALTER TABLE generation
    ADD COLUMN kie_family       text NOT NULL DEFAULT 'market' CHECK (kie_family IN ('market', 'veo')),
    ADD COLUMN price_breakdown  jsonb;
