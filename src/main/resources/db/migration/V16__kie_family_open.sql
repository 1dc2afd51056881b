-- Kie.ai endpoint families are configuration now (models.yaml, section families): a new family (runway, or one an
-- operator declares) is stored here without a migration. The column keeps a family's name: lower-case letters,
-- digits, '_' or '-', as the catalog file requires (dev.videogate.catalog.KieFamily).
ALTER TABLE generation DROP CONSTRAINT IF EXISTS generation_kie_family_check;
ALTER TABLE generation ADD CONSTRAINT generation_kie_family_name CHECK (kie_family ~ '^[a-z0-9][a-z0-9_-]{0,31}$');
