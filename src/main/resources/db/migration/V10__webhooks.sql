-- Webhooks out: a caller may ask to be called back (webhookUrl) when its generation ends. The outbox is durable:
-- a trigger writes one delivery when the answer a caller would read becomes final (the video, or the failure, with
-- the payment settled or failed), in the same transaction as the change; a Quartz route delivers it with retries
-- and backoff, and parks it as 'dead' after app.webhooks.max-attempts for an operator to replay.
ALTER TABLE generation ADD COLUMN webhook_url text;

CREATE TABLE webhook_delivery (
    id               bigserial PRIMARY KEY,
    generation_id    text NOT NULL REFERENCES generation (id) ON DELETE CASCADE,
    final_state      text NOT NULL,                       -- completed | failed: a late success is a second event
    url              text NOT NULL,
    status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    delivered_at     timestamptz,
    UNIQUE (generation_id, final_state)
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE status = 'pending';

CREATE FUNCTION generation_webhook_due() RETURNS trigger AS $$
BEGIN
    IF NEW.webhook_url IS NOT NULL AND NEW.state IN ('completed', 'failed')
       AND (NEW.payment_status IS NULL OR NEW.payment_status IN ('settled', 'failed', 'unpaid')) THEN
        INSERT INTO webhook_delivery (generation_id, final_state, url)
        VALUES (NEW.id, NEW.state, NEW.webhook_url)
        ON CONFLICT (generation_id, final_state) DO NOTHING;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER generation_webhook_due
    AFTER UPDATE OF state, payment_status ON generation
    FOR EACH ROW
    WHEN (NEW.webhook_url IS NOT NULL)
    EXECUTE FUNCTION generation_webhook_due();
