-- When a callback last made us ask Kie.ai's recordInfo: callbacks are unsigned, so a flood naming a known task
-- must not turn into a flood of recordInfo calls (Kie.ai rate-limits the key that the poller also needs).
ALTER TABLE generation ADD COLUMN callback_confirmed_at timestamptz;
