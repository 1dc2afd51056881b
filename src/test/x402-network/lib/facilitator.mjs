// The local x402 facilitator: a thin Express wrapper around @x402/core's x402Facilitator with
// @x402/evm's exact scheme (by default v2 on eip155:84532, v1 on base-sepolia only; or the chains it is given, e.g.
// also v2 on the second chain's eip155:31337), plus TEST-ONLY controls.
import fs from "node:fs";
import express from "express";
import { createWalletClient, http, publicActions } from "viem";
import { privateKeyToAccount, nonceManager } from "viem/accounts";
import { x402Facilitator } from "@x402/core/facilitator";
import { toFacilitatorEvmSigner } from "@x402/evm";
import { ExactEvmScheme } from "@x402/evm/exact/facilitator";
import { ExactEvmSchemeV1 } from "@x402/evm/exact/v1/facilitator";
import { CHAIN_ID, NETWORK_V1, NETWORK_V2, localChain } from "./common.mjs";
import { publicKeyFromSpki, requireCdpJwt } from "./cdp-auth.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function createFacilitatorSigner({ rpcUrl, settlerKey, chainId = CHAIN_ID }) {
  // nonceManager: concurrent settles otherwise pick the same nonce; retryCount 0: viem would
  // otherwise retry every reverted eth_call (e.g. a replay's simulation) and add ~1 s.
  const account = privateKeyToAccount(settlerKey, { nonceManager });
  const client = createWalletClient({
    account,
    chain: localChain(rpcUrl, chainId),
    transport: http(rpcUrl, { retryCount: 0 }),
    pollingInterval: 50,
  }).extend(publicActions);
  // A transaction the node refused (e.g. a transfer that would revert) consumed a nonce it never used: forget the
  // manager's count so the next settle asks the node again instead of sending "nonce too high".
  const forgetNonceOnFailure = (sent) =>
    sent.catch((e) => {
      nonceManager.reset({ address: account.address, chainId });
      throw e;
    });
  return toFacilitatorEvmSigner(
    {
      address: account.address,
      readContract: (a) => client.readContract({ ...a, args: a.args || [] }),
      verifyTypedData: (a) => client.verifyTypedData(a),
      writeContract: (a) => forgetNonceOnFailure(client.writeContract({ ...a, args: a.args || [] })),
      sendTransaction: (a) => forgetNonceOnFailure(client.sendTransaction(a)),
      waitForTransactionReceipt: (a) => client.waitForTransactionReceipt(a),
      getCode: (a) => client.getCode(a),
    },
    { confirmationTimeoutMs: 30_000 }
  );
}

function freshStats() {
  return {
    verifyCalls: 0,
    verifyValid: 0,
    verifyInvalid: 0,
    settleCalls: 0,
    settleSuccess: 0,
    settleFailed: 0,
    settleInjectedFailures: 0,
    settleAnswersLost: 0,
    unauthorized: 0,
    cdpRefusals: {},
    supportedCalls: 0,
    lastVerify: null,
    lastSettle: null,
  };
}

/**
 * @returns {{app: import('express').Express, facilitator: x402Facilitator}}
 */
export function createFacilitatorApp({ rpcUrl, settlerKey, auth = process.env.FACILITATOR_AUTH || "", cdp = null, log = () => {}, chains = null }) {
  // chains: [{network (CAIP-2), chainId, rpcUrl, v1?: v1 name}]; default: the Base Sepolia look-alike, v2 and v1
  const served = chains ?? [{ network: NETWORK_V2, chainId: CHAIN_ID, rpcUrl, v1: NETWORK_V1 }];
  const facilitator = new x402Facilitator();
  for (const c of served) {
    const signer = createFacilitatorSigner({ rpcUrl: c.rpcUrl, settlerKey, chainId: c.chainId });
    facilitator.register(c.network, new ExactEvmScheme(signer));
    if (c.v1) facilitator.registerV1(c.v1, new ExactEvmSchemeV1(signer));
  }

  let stats = freshStats();
  let failSettleTimes = 0;
  let failSettleReason = "test_injected_settle_failure";
  let delay = { verifyMs: 0, settleMs: 0 };
  // settle answers lost on the way back: "after" = the transfer is made, then 503; "before" = 503, nothing made
  let loseSettleAnswers = { times: 0, when: "after" };
  // the CDP stand-in's clock offset (s) and a /supported answer in place of the real one (test controls)
  let cdpClockSkew = 0;
  let supportedOverride = null;

  const app = express();
  app.disable("x-powered-by");
  // X402_FACILITATOR_TIMING=<file>: one JSON line per /verify or /settle (its own time in ms, and the caller's
  // User-Agent), so a benchmark can tell the facilitator's time from the caller's own
  const timingFile = process.env.X402_FACILITATOR_TIMING;
  if (timingFile) {
    app.use((req, res, next) => {
      const t0 = process.hrtime.bigint();
      res.on("finish", () => {
        if (req.path !== "/verify" && req.path !== "/settle") return;
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        fs.appendFile(timingFile, JSON.stringify({ path: req.path, ms, agent: req.get("user-agent") ?? "" }) + "\n", () => {});
      });
      next();
    });
  }
  app.use(express.json({ limit: "1mb" }));

  // cdp = {keyId, publicKeySpki}: the CDP stand-in, a JWT per request (lib/cdp-auth.mjs) on /verify, /settle and
  // /supported; otherwise FACILITATOR_AUTH, a static header on /verify and /settle
  let cdpKey = cdp ? { keyId: cdp.keyId, publicKey: publicKeyFromSpki(cdp.publicKeySpki) } : null;
  const requireCdp = cdp
    ? requireCdpJwt({
        key: () => cdpKey,
        stats: () => stats,
        clock: () => Math.floor(Date.now() / 1000) + cdpClockSkew,
      })
    : (_req, _res, next) => next();
  const requireAuth = cdp
    ? requireCdp
    : (req, res, next) => {
        if (!auth || req.get("authorization") === auth) return next();
        stats.unauthorized++;
        res.status(401).json({ error: "unauthorized" });
      };

  const payerOf = (body) => body?.paymentPayload?.payload?.authorization?.from ?? "";
  const networkOf = (body) => body?.paymentRequirements?.network ?? body?.paymentPayload?.accepted?.network ?? body?.paymentPayload?.network ?? "";
  const badBody = (body) =>
    !body || typeof body !== "object" || typeof body.paymentPayload !== "object" || body.paymentPayload === null ||
    typeof body.paymentRequirements !== "object" || body.paymentRequirements === null;
  // Errors thrown by x402Facilitator (no scheme registered for that version/scheme/network, ...)
  const reasonOfError = (msg) =>
    /network/i.test(msg) ? "invalid_network" : /scheme/i.test(msg) ? "unsupported_scheme" : /version/i.test(msg) ? "invalid_x402_version" : "unexpected_verify_error";

  app.post("/verify", requireAuth, async (req, res) => {
    stats.verifyCalls++;
    const body = req.body;
    if (delay.verifyMs > 0) await sleep(delay.verifyMs);
    let status = 200;
    let out;
    if (badBody(body)) {
      status = 400;
      out = { isValid: false, invalidReason: "invalid_payload", invalidMessage: "body must be {x402Version, paymentPayload, paymentRequirements}", payer: "" };
    } else {
      try {
        out = await facilitator.verify(body.paymentPayload, body.paymentRequirements);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        status = 400;
        out = { isValid: false, invalidReason: reasonOfError(msg), invalidMessage: msg, payer: payerOf(body) };
      }
    }
    if (out.isValid) stats.verifyValid++;
    else stats.verifyInvalid++;
    stats.lastVerify = { request: body, status, response: out };
    log(`verify -> ${status} ${out.isValid ? "valid" : out.invalidReason}`);
    res.status(status).json(out);
  });

  app.post("/settle", requireAuth, async (req, res) => {
    stats.settleCalls++;
    const body = req.body;
    if (delay.settleMs > 0) await sleep(delay.settleMs);
    let status = 200;
    let out;
    if (badBody(body)) {
      status = 400;
      out = { success: false, errorReason: "invalid_payload", errorMessage: "body must be {x402Version, paymentPayload, paymentRequirements}", transaction: "", network: "", payer: "" };
    } else if (loseSettleAnswers.times > 0 && loseSettleAnswers.when === "before") {
      loseSettleAnswers.times--;
      stats.settleAnswersLost++;
      log("settle -> 503 (test: answer lost, nothing settled)");
      return res.status(503).json({ error: "test_injected_unavailable" });
    } else if (failSettleTimes > 0) {
      failSettleTimes--;
      stats.settleInjectedFailures++;
      out = { success: false, errorReason: failSettleReason, transaction: "", network: networkOf(body), payer: payerOf(body) };
    } else {
      try {
        out = await facilitator.settle(body.paymentPayload, body.paymentRequirements);
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        status = 400;
        out = { success: false, errorReason: reasonOfError(msg), errorMessage: msg, transaction: "", network: networkOf(body), payer: payerOf(body) };
      }
    }
    if (out.success) stats.settleSuccess++;
    else stats.settleFailed++;
    if (out.success && loseSettleAnswers.times > 0 && loseSettleAnswers.when === "after") {
      loseSettleAnswers.times--;
      stats.settleAnswersLost++;
      stats.lastSettle = { request: body, status: 503, response: out };
      log(`settle -> ${out.transaction}, then 503 (test: answer lost after settling)`);
      return res.status(503).json({ error: "test_injected_unavailable" });
    }
    stats.lastSettle = { request: body, status, response: out };
    log(`settle -> ${status} ${out.success ? out.transaction : out.errorReason}`);
    res.status(status).json(out);
  });

  app.get("/supported", requireCdp, (_req, res) => {
    stats.supportedCalls++;
    res.json(supportedOverride ?? facilitator.getSupported());
  });

  app.get("/health", (_req, res) => res.json({ ok: true }));

  // ---- TEST-ONLY controls ----
  app.post("/_test/fail-settle", (req, res) => {
    const times = Number(req.body?.times ?? 1);
    failSettleTimes = Number.isFinite(times) && times > 0 ? Math.floor(times) : 0;
    if (typeof req.body?.errorReason === "string") failSettleReason = req.body.errorReason;
    res.json({ failSettleTimes, errorReason: failSettleReason });
  });
  app.post("/_test/lose-settle-answers", (req, res) => {
    const times = Number(req.body?.times ?? 1);
    loseSettleAnswers = { times: Number.isFinite(times) && times > 0 ? Math.floor(times) : 0, when: req.body?.when === "before" ? "before" : "after" };
    res.json(loseSettleAnswers);
  });
  app.post("/_test/delay", (req, res) => {
    delay = { verifyMs: Math.max(0, Number(req.body?.verifyMs ?? 0) || 0), settleMs: Math.max(0, Number(req.body?.settleMs ?? 0) || 0) };
    res.json(delay);
  });
  // the CDP stand-in's clock offset, and optionally another API key it knows in place of the one it started with
  app.post("/_test/cdp", (req, res) => {
    cdpClockSkew = Number(req.body?.clockSkewSeconds ?? 0) || 0;
    if (cdp) {
      cdpKey = req.body?.keyId && req.body?.publicKeySpki
        ? { keyId: req.body.keyId, publicKey: publicKeyFromSpki(req.body.publicKeySpki) }
        : { keyId: cdp.keyId, publicKey: publicKeyFromSpki(cdp.publicKeySpki) };
    }
    res.json({ clockSkewSeconds: cdpClockSkew, keyId: cdpKey?.keyId ?? null });
  });
  app.post("/_test/supported", (req, res) => {
    supportedOverride = Array.isArray(req.body?.kinds) ? { kinds: req.body.kinds, extensions: [], signers: {} } : null;
    res.json({ supported: supportedOverride });
  });
  app.post("/_test/reset", (_req, res) => {
    stats = freshStats();
    cdpClockSkew = 0;
    supportedOverride = null;
    if (cdp) cdpKey = { keyId: cdp.keyId, publicKey: publicKeyFromSpki(cdp.publicKeySpki) };
    failSettleTimes = 0;
    failSettleReason = "test_injected_settle_failure";
    delay = { verifyMs: 0, settleMs: 0 };
    loseSettleAnswers = { times: 0, when: "after" };
    res.json({ ok: true });
  });
  app.get("/_test/stats", (_req, res) => {
    res.json({ ...stats, pendingInjectedSettleFailures: failSettleTimes, delay });
  });

  // JSON errors for malformed JSON bodies etc.
  // eslint-disable-next-line no-unused-vars
  app.use((err, _req, res, _next) => {
    res.status(err.status || 500).json({ error: err.message || String(err) });
  });

  return { app, facilitator };
}

export function listen(app, port = 0) {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, "127.0.0.1", (err) => (err ? reject(err) : resolve(server)));
    server.on("error", reject);
  });
}
