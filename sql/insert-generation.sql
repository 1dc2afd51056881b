-- A verified (not yet settled) request, written before Kie.ai is asked so that a crash leaves a trace.
-- The unique payment_key makes a second use of the same signed payment fail here, before any task.
-- Reads variable generation (Generation), variable payment (PaymentContext, null when payment is off) and variable
-- idempotencyKeyHash (null when the caller sent no Idempotency-Key) by name.
INSERT INTO generation (id, model, kie_model, kie_family, type, prompt, options, price_usd, price_breakdown, state, state_source,
                        payment_key, payment_version, payment_network, payer, amount_atomic, payment_status, read_token_hash,
                        payment_nonce, payment_valid_before, settle_request, idempotency_key_hash, webhook_url)
VALUES (:#${variable.generation.generationId}, :#${variable.generation.model}, :#${variable.generation.kieModel},
        :#${variable.generation.family}, :#${variable.generation.type}, :#${variable.generation.prompt},
        CAST(:#${variable.generation.options} AS jsonb), CAST(:#${variable.generation.priceUsd} AS numeric),
        CAST(:#${variable.generation.priceBreakdown} AS jsonb), 'creating', 'create',
        :#${variable.payment?.paymentKey}, CAST(:#${variable.payment?.version} AS integer), :#${variable.payment?.network},
        :#${variable.payment?.payer}, CAST(:#${variable.payment?.amount} AS numeric),
        CASE WHEN CAST(:#${variable.payment?.paymentKey} AS text) IS NULL THEN NULL ELSE 'verified' END,
        :#${variable.payment?.readTokenHash},
        :#${variable.payment?.nonce}, CAST(:#${variable.payment?.validBefore} AS bigint),
        CAST(:#${variable.payment?.settleRequest} AS jsonb), :#${variable.idempotencyKeyHash}, :#${variable.generation.webhookUrl})
