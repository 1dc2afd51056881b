-- Each delivery's webhook-id (Standard Webhooks), fixed when the delivery is written so every attempt and replay
-- carries the same one (receivers drop repeats by it), and unique across deployments: msg_ + 32 hex digits of a
-- random UUID (122 random bits), not the row's number, which every database starts at 1. Deliveries written before
-- keep the id their receivers may already have seen (msg_<row id>).
ALTER TABLE webhook_delivery ADD COLUMN webhook_id text;
UPDATE webhook_delivery SET webhook_id = 'msg_' || id;
ALTER TABLE webhook_delivery
    ALTER COLUMN webhook_id SET DEFAULT 'msg_' || replace(gen_random_uuid()::text, '-', ''),
    ALTER COLUMN webhook_id SET NOT NULL,
    ADD CONSTRAINT webhook_delivery_webhook_id_key UNIQUE (webhook_id);
