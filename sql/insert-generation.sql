-- A verified (not yet settled) request, written before Kie.ai is asked so that a crash leaves a trace.
-- The unique payment_key makes a second use of the same signed payment fail here, before any task.
-- A paid row is also its payment's hold on the payer's balance: it is written only if the balance read after /verify
-- (variable payerBalance, routes/15-payment.yaml) covers this amount on top of what the payer's other payments still
-- hold in the same token (payer_funds_held, V13__payer_holds.sql, per token V19__payer_holds_per_token.sql: it makes one
-- payer's purchases wait for each other, on every instance).
-- Settled payments count while the balance may not show them yet: settled after the balance read started, less
-- app.x402.balance-lag-ms. No row written (update count 0): the caller gets 402 insufficient_funds, no task is started.
-- Reads variable generation (Generation), variable payment (PaymentContext, null when payment is off), variable
-- payerBalance (PayerBalance, null when payment is off) and variable idempotencyKeyHash (null when the caller sent no
-- Idempotency-Key) by name.
INSERT INTO generation (id, model, kie_model, kie_family, type, prompt, options, price_usd, price_breakdown, state, state_source,
                        payment_key, payment_version, payment_network, payer, amount_atomic, payment_status, read_token_hash,
                        payment_nonce, payment_valid_before, settle_request, idempotency_key_hash, webhook_url)
SELECT :#${variable.generation.generationId}, :#${variable.generation.model}, :#${variable.generation.kieModel},
       :#${variable.generation.family}, :#${variable.generation.type}, :#${variable.generation.prompt},
       CAST(:#${variable.generation.options} AS jsonb), CAST(:#${variable.generation.priceUsd} AS numeric),
       CAST(:#${variable.generation.priceBreakdown} AS jsonb), 'creating', 'create',
       :#${variable.payment?.paymentKey}, CAST(:#${variable.payment?.version} AS integer), :#${variable.payment?.network},
       :#${variable.payment?.payer}, CAST(:#${variable.payment?.amount} AS numeric),
       CASE WHEN CAST(:#${variable.payment?.paymentKey} AS text) IS NULL THEN NULL ELSE 'verified' END,
       :#${variable.payment?.readTokenHash},
       :#${variable.payment?.nonce}, CAST(:#${variable.payment?.validBefore} AS bigint),
       CAST(:#${variable.payment?.settleRequest} AS jsonb), :#${variable.idempotencyKeyHash}, :#${variable.generation.webhookUrl}
 WHERE CAST(:#${variable.payment?.paymentKey} AS text) IS NULL
    OR payer_funds_held(:#${variable.payment?.network}, :#${variable.payment?.asset}, :#${variable.payment?.payer},
                        :#${variable.payment?.paymentKey},
                        now() - (CAST(:#${variable.payerBalance?.ageMillis} AS bigint)
                                 + CAST(:#${properties:app.x402.balance-lag-ms:2000} AS bigint)) * interval '1 millisecond')
       + CAST(:#${variable.payment?.amount} AS numeric) <= CAST(:#${variable.payerBalance?.limitAtomic} AS numeric)
