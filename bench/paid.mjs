#!/usr/bin/env node
// Paid requests with the OFFICIAL x402 v2 client (@x402/fetch wrapFetchWithPayment + registerExactEvmScheme),
// timed inside one node process, so node's start-up and module loading are never in the figures.
//
//   sequential: node bench/paid.mjs --modules DIR --url URL --keys K1,K2,... --count 8 [--warmup N] [--body JSON]
//               request i pays with key i % keys (after N uncounted warm-up payments with the first keys);
//               prints p50/p99 and each latency.
//   load:       node bench/paid.mjs --modules DIR --url URL --keys K1,...,Kn --concurrency C --seconds S
//               --rpc RPC --asset ADDR --price ATOMIC [--max-count N] [--body JSON]
//               C workers pay back to back for S seconds; each payment uses a key no other payment is using
//               at that moment (a payer never races itself), one whose balance (read from the chain at start:
//               100 USDC pays 28 times at 3.50) can still pay; stops early after N payments (a budget:
//               the sandbox's Kie.ai credits). Prints paid requests/s.
//   burst:      node bench/paid.mjs --modules DIR --url URL --keys K1,...,Kn --burst N --rpc RPC --asset ADDR
//               --price ATOMIC [--deadline-seconds 400] [--body JSON]
//               N payments at once, payment i with key i (a payer each); then each accepted one (200, or 202 queued)
//               is followed with ?poll=true and its access token until it ends; each payer's balance is read before
//               and after: accepted, queued, delivered, charged once, charged twice, charged without a delivery.
// One JSON line on stdout. Latency = from the first (unpaid) request to the paid answer: the 402 round trip,
// signing, and the paid round trip (verify + work + settle on the server side), as a real v2 client sees it.
//
// Modules come from the local x402 network's node_modules (--modules): loaded with createRequire, since ESM
// ignores NODE_PATH. Everything is loaded through require (the CommonJS builds), so one copy of each package.
import { createRequire } from "node:module";
import path from "node:path";

const args = parseArgs(process.argv.slice(2));
const modulesDir = path.resolve(args.modules ?? "src/test/x402-network");
const require = createRequire(path.join(modulesDir, "package.json"));
const { wrapFetchWithPayment, x402Client } = require("@x402/fetch");
const { registerExactEvmScheme } = require("@x402/evm/exact/client");
const { privateKeyToAccount } = require("viem/accounts");
const { createPublicClient, http } = require("viem");

const NETWORK = "eip155:84532";
const url = need("url");
const keys = need("keys").split(",").filter(Boolean);
const body = args.body ?? JSON.stringify({ model: "sora-2", prompt: "bench paid request", type: "video" });

// one official client per key, made once (signing setup is the payer's cost, not the server's)
const fetchers = new Map();
function payingFetch(key) {
  let f = fetchers.get(key);
  if (!f) {
    const client = new x402Client();
    registerExactEvmScheme(client, { signer: privateKeyToAccount(key), networks: [NETWORK] });
    client.setSpendControls(false); // our 3.50 USDC price is above the client's default spend limit
    f = wrapFetchWithPayment(fetch, client);
    fetchers.set(key, f);
  }
  return f;
}

async function payOnce(key) {
  const t0 = process.hrtime.bigint();
  const startEpochMs = Date.now(); // wall clock, to line up with the bundle's timestamps in SQL
  try {
    const res = await payingFetch(key)(url, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const text = await res.text();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    return { status: res.status, ms, text, startEpochMs, endEpochMs: Date.now() };
  } catch (e) {
    return { status: "throw", ms: Number(process.hrtime.bigint() - t0) / 1e6, text: String(e?.message ?? e) };
  }
}

function pct(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

async function sequential() {
  const count = Number(args.count ?? 8);
  const warmup = [];
  for (let i = 0; i < Number(args.warmup ?? 0); i++) {
    // not counted: the first paid request pays one-off costs on both ends (connections, code paths warming up)
    const r = await payOnce(keys[i % keys.length]);
    warmup.push(r.status === 200 ? r1(r.ms) : r.status);
  }
  const each = [];
  const requests = []; // start/end and generationId of each 200: the bundle's phases are read from SQL with them
  const statuses = {};
  let last = null;
  let firstError = null;
  for (let i = 0; i < count; i++) {
    const r = await payOnce(keys[i % keys.length]);
    statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    if (r.status === 200) {
      each.push(r.ms);
      let generationId = null;
      try {
        generationId = JSON.parse(r.text).generationId ?? null;
      } catch {
        /* not JSON */
      }
      requests.push({ startEpochMs: r.startEpochMs, endEpochMs: r.endEpochMs, generationId });
    } else firstError ??= `${r.status}: ${r.text.slice(0, 300)}`;
    last = r;
  }
  const sorted = [...each].sort((a, b) => a - b);
  let lastBody = null;
  try {
    lastBody = JSON.parse(last.text);
  } catch {
    /* not JSON */
  }
  return { mode: "sequential", count, ok: each.length, statuses, p50: r1(pct(sorted, 50)), p99: r1(pct(sorted, 99)),
    each: each.map(r1), warmup, requests, firstError, last: lastBody };
}

async function load() {
  const concurrency = Number(need("concurrency"));
  const seconds = Number(need("seconds"));
  const price = BigInt(need("price"));
  // how many payments each key can still make, from its balance on the chain right now
  const chain = createPublicClient({ transport: http(need("rpc"), { retryCount: 0 }) });
  const abi = [{ type: "function", name: "balanceOf", stateMutability: "view", inputs: [{ name: "a", type: "address" }], outputs: [{ type: "uint256" }] }];
  const budget = new Map();
  for (const k of keys) {
    const bal = await chain.readContract({ address: need("asset"), abi, functionName: "balanceOf", args: [privateKeyToAccount(k).address] });
    budget.set(k, Number(bal / price));
  }
  // Each payment takes the idle key with the most payments left and gives it back after: no key is used by two
  // payments at once ("each payer its own key"), and the budget is spread, so every level finds enough funded keys
  const busy = new Set();
  const takeKey = () => {
    let best;
    for (const k of keys) if (!busy.has(k) && budget.get(k) > 0 && (best === undefined || budget.get(k) > budget.get(best))) best = k;
    if (best !== undefined) busy.add(best);
    return best;
  };
  const lat = [];
  const statuses = {};
  let firstError = null;
  let starved = 0; // workers that stopped early because no funded idle key was left
  const end = Date.now() + seconds * 1000;
  const maxCount = Number(args["max-count"] ?? Infinity);
  let started = 0;
  const t0 = process.hrtime.bigint();
  async function worker() {
    while (Date.now() < end && started < maxCount) {
      started++;
      const key = takeKey();
      if (key === undefined) {
        starved++;
        return;
      }
      const r = await payOnce(key);
      budget.set(key, budget.get(key) - 1);
      busy.delete(key);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 200) lat.push(r.ms);
      else firstError ??= `${r.status}: ${r.text.slice(0, 300)}`;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  const sorted = lat.sort((a, b) => a - b);
  const count = Object.values(statuses).reduce((a, b) => a + b, 0);
  return { mode: "load", concurrency, seconds: r1(elapsed), cappedAt: started >= maxCount ? maxCount : null, count, ok: sorted.length, statuses, rps: r1(sorted.length / elapsed),
    p50: r1(pct(sorted, 50)), p99: r1(pct(sorted, 99)), starvedWorkers: starved, firstError };
}

async function burst() {
  const n = Number(need("burst"));
  if (keys.length < n) throw new Error(`--burst ${n} needs ${n} keys (a payer each), got ${keys.length}`);
  const price = BigInt(need("price"));
  const chain = createPublicClient({ transport: http(need("rpc"), { retryCount: 0 }) });
  const abi = [{ type: "function", name: "balanceOf", stateMutability: "view", inputs: [{ name: "a", type: "address" }], outputs: [{ type: "uint256" }] }];
  const balance = (k) => chain.readContract({ address: need("asset"), abi, functionName: "balanceOf", args: [privateKeyToAccount(k).address] });
  const payers = keys.slice(0, n);
  payers.forEach(payingFetch); // clients made before the clock starts
  const before = await Promise.all(payers.map(balance));
  const startEpochMs = Date.now();
  const t0 = process.hrtime.bigint();
  const sinceStart = () => Number(process.hrtime.bigint() - t0) / 1e9;
  const answers = await Promise.all(payers.map(async (k) => {
    const r = await payOnce(k);
    let body = null;
    try {
      body = JSON.parse(r.text);
    } catch {
      /* not JSON */
    }
    return { status: r.status, body, text: r.text, answeredAt: sinceStart() };
  }));
  const statuses = {};
  answers.forEach((a) => (statuses[a.status] = (statuses[a.status] ?? 0) + 1));
  const accepted = answers.filter((a) => (a.status === 200 || a.status === 202) && a.body?.generationId);
  const deadline = Date.now() + Number(args["deadline-seconds"] ?? 400) * 1000;
  const base = new URL(url);
  // follow each accepted generation until it ends (the long-poll answers at once when it does)
  const ends = await Promise.all(accepted.map(async (a) => {
    while (Date.now() < deadline) {
      try {
        const res = await fetch(new URL(`/api/generate/${a.body.generationId}?poll=true`, base),
          { headers: { Authorization: `Bearer ${a.body.accessToken}` }, signal: AbortSignal.timeout(60_000) });
        const st = await res.json();
        if (st.state === "completed" || st.state === "failed" || res.status >= 400) {
          return { state: res.status >= 400 ? `http ${res.status} ${st.error ?? ""}` : st.state, at: sinceStart(), failCode: st.failCode ?? null };
        }
      } catch {
        /* the long-poll's own timeout: ask again */
      }
    }
    return { state: "unfinished", at: sinceStart() };
  }));
  const after = await Promise.all(payers.map(balance));
  const byKey = new Map(answers.map((a, i) => [i, a]));
  const delivered = new Set(accepted.filter((a, i) => ends[i].state === "completed").map((a) => a.body.generationId));
  let chargedOnce = 0, chargedTwice = 0, uncharged = 0, chargedWithoutDelivery = 0;
  payers.forEach((k, i) => {
    const paid = before[i] - after[i];
    const a = byKey.get(i);
    const gotIt = a.body?.generationId && delivered.has(a.body.generationId);
    if (paid === 0n) uncharged++;
    else if (paid === price) chargedOnce++;
    else chargedTwice++;
    if (paid > 0n && !gotIt) chargedWithoutDelivery++;
  });
  const endStates = {};
  ends.forEach((e) => (endStates[e.state + (e.failCode ? ` (${e.failCode})` : "")] = (endStates[e.state + (e.failCode ? ` (${e.failCode})` : "")] ?? 0) + 1));
  const answeredIn = answers.map((a) => a.answeredAt).sort((x, y) => x - y);
  return { mode: "burst", n, startEpochMs, statuses, accepted: accepted.length,
    queued: accepted.filter((a) => a.status === 202 && a.body.state === "queued").length,
    delivered: delivered.size, endStates, chargedOnce, chargedTwice, uncharged, chargedWithoutDelivery,
    lastAnswerSeconds: r1(answeredIn[answeredIn.length - 1]), lastDeliverySeconds: r1(Math.max(0, ...ends.map((e) => e.at))),
    firstError: answers.find((a) => a.status !== 200 && a.status !== 202)?.text?.slice(0, 300) ?? null };
}

function need(name) {
  if (args[name] === undefined) throw new Error(`missing --${name}`);
  return String(args[name]);
}

function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new Error(`bad arguments near ${argv[i]}`);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

try {
  const result = args.burst ? await burst() : args.concurrency ? await load() : await sequential();
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (e) {
  console.error(e?.stack ?? String(e));
  process.exit(2);
}
