#!/usr/bin/env node
// End-to-end proof of the local x402 network, without the Java project:
//  - spawns start.mjs and reads its ready line;
//  - runs a v2 resource server (@x402/express) and a v1 one (x402-express 1.2.0), both at exactly
//    3.50 USDC (3500000 atomic) of our asset on our network, and a "gateway-like" hand-written server
//    that answers 402 the way the Java gateway will (PAYMENT-REQUIRED header + v1 body with extra fields);
//  - pays with pay.mjs (official clients, spawned as the Java tests will), checks balances moved
//    exactly once, that a replayed header is refused and moves nothing;
//  - runs the negative /verify matrix with sign.mjs and the TEST-ONLY control endpoints;
//  - checks FACILITATOR_AUTH and clean shutdown (stdin EOF and SIGTERM, no process left).
// Writes everything observed on the wire to .cache/observed-wire.json. Exit 0 = all passed.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import express from "express";
import { createPublicClient, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { localChain, usdcAbi, NETWORK_V1, NETWORK_V2, testKey } from "./lib/common.mjs";
import { signPayment } from "./sign.mjs";

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const T0 = Date.now();
const VERBOSE = process.env.SELFTEST_VERBOSE === "1";
const PRICE = 3_500_000n;
const observed = {};
let passed = 0;
let failed = 0;
const children = [];
const servers = [];

const log = (...a) => console.error("[selftest]", ...a);
function check(name, cond, detail) {
  if (cond) {
    passed++;
    log(`ok   - ${name}`);
  } else {
    failed++;
    log(`FAIL - ${name}${detail !== undefined ? ": " + (typeof detail === "string" ? detail : JSON.stringify(detail)) : ""}`);
  }
}
const b64json = (s) => JSON.parse(Buffer.from(s, "base64").toString("utf8"));

function startNetwork(env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "start.mjs")], {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    children.push(child);
    let stdoutLines = [];
    const rl = readline.createInterface({ input: child.stdout });
    child.stderr.on("data", (d) => VERBOSE && process.stderr.write(d));
    const timer = setTimeout(() => reject(new Error("start.mjs not ready within 60 s")), 60_000);
    rl.on("line", (line) => {
      stdoutLines.push(line);
      if (line.startsWith("X402_NETWORK_READY ")) {
        clearTimeout(timer);
        resolve({ child, info: JSON.parse(line.slice("X402_NETWORK_READY ".length)), stdoutLines });
      }
    });
    child.on("exit", (code) => reject(new Error(`start.mjs exited early (${code})`)));
  });
}

function runNode(script, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, script), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err}`));
      const lines = out.trim().split("\n");
      if (lines.length !== 1) return reject(new Error(`${script} printed ${lines.length} lines: ${out}`));
      resolve(JSON.parse(lines[0]));
    });
  });
}

const pay = (client, url, key, body = { prompt: "a cat" }, extra = []) =>
  runNode("pay.mjs", ["--client", client, "--url", url, "--key", key, "--body", JSON.stringify(body), ...extra]);

function listen(app) {
  return new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
    servers.push(s);
  });
}

async function postJson(url, body, headers = {}) {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const text = await r.text();
  let json = text;
  try {
    json = JSON.parse(text);
  } catch {
    /* text */
  }
  return { status: r.status, headers: Object.fromEntries(r.headers.entries()), body: json };
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

async function main() {
  // ---------------------------------------------------------------- network
  const tStart = Date.now();
  const { child: net, info, stdoutLines } = await startNetwork();
  const startupSeconds = (Date.now() - tStart) / 1000;
  log(`network ready in ${startupSeconds.toFixed(2)} s (spawn to ready line)`);
  observed.readyLine = info;
  check("ready line has the documented fields", ["rpcUrl", "chainId", "facilitatorUrl", "asset", "assetName", "assetVersion", "payTo", "payers", "poorPayer", "settler"].every((k) => k in info) && info.chainId === 84532 && info.payers.length >= 4);
  check("asset is the Base Sepolia USDC address", info.asset === "0x036CbD53842c5426634e7929541eC2318f3dCF7e");
  check("rpc and facilitator on 127.0.0.1", info.rpcUrl.startsWith("http://127.0.0.1:") && info.facilitatorUrl.startsWith("http://127.0.0.1:"));

  const F = info.facilitatorUrl;
  const pub = createPublicClient({ chain: localChain(info.rpcUrl), transport: http(info.rpcUrl, { retryCount: 0 }) });
  const bal = (a) => pub.readContract({ address: info.asset, abi: usdcAbi, functionName: "balanceOf", args: [a] });
  const P = info.payers;
  check("payers hold 100 USDC, poor payer 1 USDC, payTo 0", (await bal(P[0].address)) === 100_000_000n && (await bal(info.poorPayer.address)) === 1_000_000n && (await bal(info.payTo)) === 0n);
  const balOut = execFileSync(process.execPath, [path.join(ROOT, "balance.mjs"), "--rpc", info.rpcUrl, "--address", P[0].address]).toString().trim();
  check("balance.mjs prints atomic balance", balOut === "100000000", balOut);

  const supported = await (await fetch(`${F}/supported`)).json();
  observed.supported = supported;
  check("/supported lists v2 eip155:84532 and v1 base-sepolia only", supported.kinds.length === 2 && supported.kinds.some((k) => k.x402Version === 2 && k.network === NETWORK_V2) && supported.kinds.some((k) => k.x402Version === 1 && k.network === NETWORK_V1), supported);

  // ---------------------------------------------------------------- resource servers
  const { paymentMiddleware: paymentMiddlewareV2, x402ResourceServer } = await import("@x402/express");
  const { HTTPFacilitatorClient } = await import("@x402/core/server");
  const { ExactEvmScheme: ExactEvmServer } = await import("@x402/evm/exact/server");
  const { paymentMiddleware: paymentMiddlewareV1 } = await import("x402-express");

  const handler = (req, res) => res.json({ ok: true, echo: req.body ?? null });

  const v2app = express();
  v2app.use(express.json());
  const resourceServer = new x402ResourceServer(new HTTPFacilitatorClient({ url: F })).register(NETWORK_V2, new ExactEvmServer());
  v2app.use(
    paymentMiddlewareV2(
      {
        "POST /v2/paid": {
          accepts: {
            scheme: "exact",
            network: NETWORK_V2,
            payTo: info.payTo,
            price: { amount: PRICE.toString(), asset: info.asset, extra: { name: "USDC", version: "2" } },
            maxTimeoutSeconds: 300,
          },
          description: "selftest v2 paid route",
          mimeType: "application/json",
        },
      },
      resourceServer
    )
  );
  v2app.post("/v2/paid", handler);
  const v2url = `http://127.0.0.1:${(await listen(v2app)).address().port}/v2/paid`;

  const v1app = express();
  v1app.use(express.json());
  v1app.use(
    paymentMiddlewareV1(
      info.payTo,
      {
        "POST /v1/paid": {
          price: { amount: PRICE.toString(), asset: { address: info.asset, decimals: 6, eip712: { name: "USDC", version: "2" } } },
          network: NETWORK_V1,
          config: { description: "selftest v1 paid route", mimeType: "application/json", maxTimeoutSeconds: 300 },
        },
      },
      { url: F }
    )
  );
  v1app.post("/v1/paid", handler);
  const v1url = `http://127.0.0.1:${(await listen(v1app)).address().port}/v1/paid`;

  // Gateway-like server: answers 402 like the Java gateway (PAYMENT-REQUIRED header AND a v1 body
  // with extra fields), then verifies + settles through the facilitator itself.
  const gw = express();
  gw.use(express.json());
  const gwSeen = [];
  let gwBase = "";
  const v2req = () => ({ scheme: "exact", network: NETWORK_V2, amount: PRICE.toString(), asset: info.asset, payTo: info.payTo, maxTimeoutSeconds: 300, extra: { name: "USDC", version: "2" } });
  const v1req = (p) => ({ scheme: "exact", network: NETWORK_V1, maxAmountRequired: PRICE.toString(), resource: `${gwBase}${p}`, description: "gateway-like", mimeType: "application/json", payTo: info.payTo, maxTimeoutSeconds: 300, asset: info.asset, extra: { name: "USDC", version: "2" } });
  const gwRoute = (withHeader) => async (req, res) => {
    const sig = req.get("payment-signature");
    const xp = req.get("x-payment");
    gwSeen.push({ path: req.path, paymentSignature: !!sig, xPayment: !!xp });
    if (!sig && !xp) {
      if (withHeader) {
        const pr = { x402Version: 2, error: "Payment required", resource: { url: `${gwBase}${req.path}`, description: "gateway-like", mimeType: "application/json" }, accepts: [v2req()] };
        res.set("PAYMENT-REQUIRED", Buffer.from(JSON.stringify(pr)).toString("base64"));
      }
      return res.status(402).json({ x402Version: 1, error: "X-PAYMENT header is required", accepts: [v1req(req.path)], paymentRequired: true, price: 3.5 });
    }
    const payload = b64json(sig || xp);
    const requirements = sig ? v2req() : v1req(req.path);
    const v = await postJson(`${F}/verify`, { x402Version: payload.x402Version, paymentPayload: payload, paymentRequirements: requirements });
    if (!v.body.isValid) return res.status(402).json({ x402Version: 1, error: v.body.invalidReason, accepts: [v1req(req.path)] });
    const s = await postJson(`${F}/settle`, { x402Version: payload.x402Version, paymentPayload: payload, paymentRequirements: requirements });
    if (!s.body.success) return res.status(402).json({ x402Version: 1, error: s.body.errorReason, accepts: [v1req(req.path)] });
    res.set(sig ? "PAYMENT-RESPONSE" : "X-PAYMENT-RESPONSE", Buffer.from(JSON.stringify(s.body)).toString("base64"));
    res.json({ ok: true, paidWith: sig ? "PAYMENT-SIGNATURE" : "X-PAYMENT" });
  };
  gw.post("/gw/both", gwRoute(true));
  gw.post("/gw/v1body", gwRoute(false));
  const gwServer = await listen(gw);
  gwBase = `http://127.0.0.1:${gwServer.address().port}`;

  // ---------------------------------------------------------------- raw 402 challenges
  const c2 = await postJson(v2url, { prompt: "a cat" });
  observed.v2_402 = { status: c2.status, headers: c2.headers, body: c2.body, paymentRequiredDecoded: c2.headers["payment-required"] ? b64json(c2.headers["payment-required"]) : null };
  check("v2 server answers 402 with PAYMENT-REQUIRED", c2.status === 402 && !!c2.headers["payment-required"]);
  const c1 = await postJson(v1url, { prompt: "a cat" });
  observed.v1_402 = { status: c1.status, headers: c1.headers, body: c1.body };
  check("v1 server answers 402 with a v1 body", c1.status === 402 && c1.body.x402Version === 1 && c1.body.accepts?.[0]?.maxAmountRequired === PRICE.toString());

  // ---------------------------------------------------------------- paid calls + replay
  const tracked = [info.payTo, ...P.map((p) => p.address), info.poorPayer.address];
  const snapshot = async () => Object.fromEntries(await Promise.all(tracked.map(async (a) => [a, await bal(a)])));
  const expectDelta = async (before, deltas, label) => {
    const after = await snapshot();
    const bad = [];
    for (const a of tracked) {
      const want = before[a] + (deltas[a] ?? 0n);
      if (after[a] !== want) bad.push(`${a}: ${after[a]} != ${want}`);
    }
    check(label, bad.length === 0, bad.join("; "));
    return after;
  };

  async function paidAndReplay(kind, url, payer, replayHeaderName) {
    const before = await snapshot();
    await fetch(`${F}/_test/reset`, { method: "POST" });
    const t = Date.now();
    const out = await pay(kind, url, payer.privateKey);
    const ms = Date.now() - t;
    observed[`${kind}_paid`] = out;
    check(`${kind} official client pays the ${kind} server (200) in ${ms} ms`, out.status === 200 && out.body?.ok === true, out);
    check(`${kind} client sent ${replayHeaderName}`, out.request.paymentHeaderName === replayHeaderName, out.request);
    check(`${kind} answer carries a settlement response`, out.paymentResponse?.success === true && /^0x[0-9a-f]{64}$/.test(out.paymentResponse.transaction), out.paymentResponse);
    const stats = await (await fetch(`${F}/_test/stats`)).json();
    observed[`${kind}_facilitator`] = { verify: stats.lastVerify, settle: stats.lastSettle };
    check(`${kind}: facilitator saw 1 verify + 1 successful settle`, stats.verifyCalls === 1 && stats.settleCalls === 1 && stats.settleSuccess === 1, stats);
    let after = await expectDelta(before, { [payer.address]: -PRICE, [info.payTo]: PRICE }, `${kind}: payer -3.50, payTo +3.50, nothing else moved`);
    // replay the exact same header
    const replay = await postJson(url, { prompt: "a cat" }, { [replayHeaderName]: out.request.paymentHeader });
    observed[`${kind}_replay`] = { status: replay.status, headers: replay.headers, body: replay.body, paymentRequiredDecoded: replay.headers["payment-required"] ? b64json(replay.headers["payment-required"]) : null };
    check(`${kind}: replayed header refused (402)`, replay.status === 402, replay.status);
    await expectDelta(after, {}, `${kind}: replay moved nothing`);
    return out;
  }

  const v2paid = await paidAndReplay("v2", v2url, P[0], "PAYMENT-SIGNATURE");
  const v1paid = await paidAndReplay("v1", v1url, P[1], "X-PAYMENT");

  // ---------------------------------------------------------------- gateway-like 402s
  {
    const before = await snapshot();
    const r1 = await pay("v1", `${gwBase}/gw/both`, P[2].privateKey);
    observed.gw_v1client_both = r1;
    check("x402-fetch (v1) accepts the v1 body with extra fields (paymentRequired, price) and pays with X-PAYMENT", r1.status === 200 && r1.request.paymentHeaderName === "X-PAYMENT", r1);
    const r2 = await pay("v2", `${gwBase}/gw/both`, P[3].privateKey);
    observed.gw_v2client_both = r2;
    check("@x402/fetch (v2) prefers the PAYMENT-REQUIRED header over the v1 body and pays with PAYMENT-SIGNATURE", r2.status === 200 && r2.request.paymentHeaderName === "PAYMENT-SIGNATURE" && r2.request.payment.x402Version === 2, r2);
    check("@x402/fetch (v2) decodes PAYMENT-RESPONSE", r2.paymentResponse?.success === true);
    const r3 = await pay("v2", `${gwBase}/gw/v1body`, P[2].privateKey);
    observed.gw_v2client_v1body = r3;
    check("@x402/fetch (v2) falls back to a v1-only 402 body and pays with X-PAYMENT (x402Version 1)", r3.status === 200 && r3.request.paymentHeaderName === "X-PAYMENT" && r3.request.payment.x402Version === 1, r3);
    let r4;
    try {
      r4 = await pay("v2", `${gwBase}/gw/v1body`, P[4].privateKey, {}, ["--v2-only"]);
    } catch (e) {
      r4 = { error: String(e.message).split("\n")[0] };
    }
    observed.gw_v2only_client_v1body = r4;
    check("a v2 client WITHOUT the v1 scheme registered cannot pay a v1-only body", !!r4.error, r4);
    await expectDelta(before, { [P[2].address]: -2n * PRICE, [P[3].address]: -PRICE, [info.payTo]: 3n * PRICE }, "gateway-like: exactly 3 payments moved");
  }

  // ---------------------------------------------------------------- negative /verify matrix
  const v2Req = observed.v2_facilitator.verify.request.paymentRequirements;
  const v1Req = observed.v1_facilitator.verify.request.paymentRequirements;
  const verify = (payload, reqs) => postJson(`${F}/verify`, { x402Version: payload.x402Version, paymentPayload: payload, paymentRequirements: reqs });
  const now = Math.floor(Date.now() / 1000);
  const other = privateKeyToAccount(testKey("stranger")).address;
  const cases = {
    valid: {},
    replay: null,
    insufficient_funds: { key: info.poorPayer.privateKey },
    expired: { validAfter: now - 3600, validBefore: now - 10 },
    not_yet_valid: { validAfter: now + 3600 },
    wrong_amount: { value: "3000000" },
    wrong_payTo: { to: other },
    wrong_network_in_payload: "network",
    tampered_signature: { tamper: true },
    wrong_domain_name: { name: "USD Coin" },
    from_not_signer: { from: other },
  };
  observed.verifyMatrix = {};
  for (const [version, reqs, paid] of [[2, v2Req, v2paid], [1, v1Req, v1paid]]) {
    const m = {};
    for (const [name, o] of Object.entries(cases)) {
      let payload;
      if (name === "replay") payload = paid.request.payment;
      else if (o === "network") payload = (await signPayment({ version, key: P[5].privateKey, requirements: reqs, network: version === 2 ? "eip155:8453" : "base" })).payload;
      else payload = (await signPayment({ version, key: P[5].privateKey, requirements: reqs, ...o })).payload;
      const r = await verify(payload, reqs);
      m[name] = { status: r.status, body: r.body };
    }
    observed.verifyMatrix[`v${version}`] = m;
    check(`v${version} hand-signed valid payment verifies`, m.valid.body.isValid === true, m.valid);
    for (const [name, r] of Object.entries(m)) if (name !== "valid") check(`v${version} ${name} refused (${r.body.invalidReason})`, r.body.isValid === false && !!r.body.invalidReason, r);
  }
  // settle of a replay: what /settle says (nothing moves)
  {
    const before = await snapshot();
    const r = await postJson(`${F}/settle`, { x402Version: 2, paymentPayload: v2paid.request.payment, paymentRequirements: v2Req });
    observed.settleReplay = r;
    check(`settle of a replay fails (${r.body.errorReason})`, r.body.success === false, r);
    await expectDelta(before, {}, "settle of a replay moved nothing");
  }

  // ---------------------------------------------------------------- control endpoints
  {
    await postJson(`${F}/_test/reset`, {});
    const fs1 = await postJson(`${F}/_test/fail-settle`, { times: 1 });
    check("/_test/fail-settle accepted", fs1.status === 200 && fs1.body.failSettleTimes === 1, fs1);
    const before = await snapshot();
    const r = await pay("v2", v2url, P[4].privateKey);
    observed.v2_paid_with_injected_settle_failure = r;
    check(`injected settle failure: no 200 (${r.status})`, r.status !== 200, r);
    await expectDelta(before, {}, "injected settle failure moved nothing");
    const stats = await (await fetch(`${F}/_test/stats`)).json();
    observed.statsAfterInjectedFailure = stats;
    check("stats count the injected failure", stats.settleCalls === 1 && stats.settleInjectedFailures === 1 && stats.settleSuccess === 0, stats);
    const r2 = await pay("v2", v2url, P[4].privateKey);
    check("next payment settles again", r2.status === 200, r2.status);
    await expectDelta(before, { [P[4].address]: -PRICE, [info.payTo]: PRICE }, "…and moved exactly 3.50");

    await postJson(`${F}/_test/delay`, { verifyMs: 400, settleMs: 0 });
    const tv = Date.now();
    const dv = await verify((await signPayment({ version: 2, key: P[5].privateKey, requirements: v2Req })).payload, v2Req);
    const took = Date.now() - tv;
    check(`/_test/delay delays verify (${took} ms)`, took >= 400 && dv.body.isValid === true, took);
    await postJson(`${F}/_test/reset`, {});
    const st = await (await fetch(`${F}/_test/stats`)).json();
    check("/_test/reset zeroes stats and delay", st.verifyCalls === 0 && st.delay.verifyMs === 0, st);
  }

  // ---------------------------------------------------------------- concurrency
  {
    const before = await snapshot();
    const t = Date.now();
    const rs = await Promise.all([pay("v2", v2url, P[5].privateKey), pay("v1", v1url, P[0].privateKey), pay("v2", v2url, P[1].privateKey)]);
    check(`3 concurrent payments all 200 (${Date.now() - t} ms)`, rs.every((r) => r.status === 200), rs.map((r) => r.status));
    await expectDelta(before, { [P[5].address]: -PRICE, [P[0].address]: -PRICE, [P[1].address]: -PRICE, [info.payTo]: 3n * PRICE }, "concurrent payments moved exactly 3 x 3.50");
  }

  // ---------------------------------------------------------------- auth + shutdown
  {
    const { child: net2, info: info2 } = await startNetwork({ FACILITATOR_AUTH: "Bearer s3cret" });
    const noAuth = await postJson(`${info2.facilitatorUrl}/verify`, {});
    const wrong = await postJson(`${info2.facilitatorUrl}/settle`, {}, { authorization: "Bearer nope" });
    const ok = await postJson(`${info2.facilitatorUrl}/verify`, {}, { authorization: "Bearer s3cret" });
    const sup = await fetch(`${info2.facilitatorUrl}/supported`);
    observed.authCheck = { noAuth, wrong, ok };
    check("FACILITATOR_AUTH: 401 without / with wrong Authorization, passes with it", noAuth.status === 401 && wrong.status === 401 && ok.status === 400 && sup.status === 200, { noAuth: noAuth.status, wrong: wrong.status, ok: ok.status });
    net2.kill("SIGTERM");
    const exited = await waitExit(net2, 5000);
    check(`SIGTERM stops start.mjs (exit ${net2.exitCode ?? net2.signalCode})`, exited && net2.exitCode === 0 && !processAlive(net2.pid));
    const rpcGone = await fetch(info2.rpcUrl, { method: "POST" }).then(() => false, () => true);
    check("…and its RPC port is closed", rpcGone);
  }

  check("start.mjs printed exactly one stdout line", stdoutLines.length === 1, stdoutLines);
  net.stdin.end();
  const exited = await waitExit(net, 5000);
  check(`stdin EOF stops start.mjs (exit ${net.exitCode})`, exited && net.exitCode === 0 && !processAlive(net.pid));
  const rpcGone = await fetch(info.rpcUrl, { method: "POST" }).then(() => false, () => true);
  check("…and its RPC port is closed", rpcGone);
  observed.timings = { startupSeconds };
}

let code = 0;
try {
  await main();
} catch (e) {
  failed++;
  log("CRASH:", e?.stack || e);
} finally {
  for (const s of servers) s.close();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGTERM");
  const total = (Date.now() - T0) / 1000;
  observed.timings = { ...(observed.timings || {}), selftestSeconds: total };
  fs.mkdirSync(path.join(ROOT, ".cache"), { recursive: true });
  fs.writeFileSync(path.join(ROOT, ".cache", "observed-wire.json"), JSON.stringify(observed, null, 2));
  log(`observed wire data written to .cache/observed-wire.json; total ${total.toFixed(1)} s`);
  console.log(`selftest: ${passed} passed, ${failed} failed`);
  code = failed === 0 ? 0 : 1;
}
process.exit(code);
