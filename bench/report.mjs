#!/usr/bin/env node
// Turns the measurements bench/run left in its work folder (one JSON line per file) into the markdown table,
// with the machine it ran on. A missing or broken measurement becomes "n/a" with the reason, never a crash.
//   node bench/report.mjs <work dir>
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";

const work = process.argv[2];
const env = process.env;

/** The JSON in <name>.json, or {na: reason}. */
function read(name) {
  const file = path.join(work, `${name}.json`);
  try {
    const text = fs.readFileSync(file, "utf8").trim();
    if (!text) throw new Error("empty");
    return JSON.parse(text.split("\n").pop());
  } catch {
    let why = "not measured";
    try {
      const err = fs.readFileSync(path.join(work, `${name}.err`), "utf8").trim().split("\n").filter(Boolean);
      if (err.length) why = err.find((l) => /error|exception|refused|missing/i.test(l)) ?? err[err.length - 1];
    } catch {
      /* no stderr either */
    }
    return { na: why.slice(0, 160) };
  }
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];
const fmt = (x, digits = 0) => (x == null || Number.isNaN(x) ? "?" : Number(x).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (x) => (x == null ? "?" : x < 10 ? fmt(x, 2) : x < 100 ? fmt(x, 1) : fmt(x, 0));
const na = (r) => `n/a (${r.na})`;
const statusText = (statuses) => Object.entries(statuses ?? {}).map(([k, v]) => `${v}×${k}`).join(", ");

const rows = [];

// 402 challenge
for (const c of [1, 16, 64]) {
  const p = read(`challenge-${c}-peer`);
  const b = read(`challenge-${c}-bundle`);
  // the CPU time the side's process spent per request over the point (warm-up seconds included, so a little high)
  const cpu = (side, r) => {
    const t = read(`challenge-${c}-${side}-cpu`);
    if (t.na || !t.hz || !r.count) return "";
    const total = r.count * (1 + 2 / Number(env.BENCH_SECONDS ?? 8)); // the point's 2 s warm-up ran about as fast
    return `, CPU ${fmt((t.ticks / t.hz) * 1e6 / total)} µs/req`;
  };
  const cell = (r, side) => {
    if (r.na) return na(r);
    const errs = r.errors ? `, **${fmt(r.errors)} not 402** (${statusText(r.statuses)})` : "";
    const bad = Object.entries(r.warmupStatuses ?? {}).filter(([k]) => k !== "402");
    const warm = bad.length ? `, **during warm-up: ${bad.map(([k, v]) => `${v}×${k}`).join(", ")}**` : "";
    return `${fmt(r.rps)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms${cpu(side, r)}${errs}${warm}`;
  };
  const ratio = p.na || b.na || !p.rps ? "" : `${fmt(b.rps / p.rps, 2)}x req/s`;
  rows.push([`402 challenge, ${c} client${c > 1 ? "s" : ""}`, cell(p, "peer"), cell(b, "bundle"), ratio]);
}

// paid request latency
{
  const p = read("paid-peer");
  const b = read("paid-bundle");
  const cell = (r) => {
    if (r.na) return na(r);
    const bad = r.ok < r.count ? `; **${r.count - r.ok} of ${r.count} not 200**: ${statusText(r.statuses)} (${(r.firstError ?? "").slice(0, 120)})` : "";
    return `${ms(r.p50)} ms (p99 ${ms(r.p99)}; each ${r.each.map(ms).join(", ")})${bad}`;
  };
  const ratio = p.na || b.na || p.p50 == null || b.p50 == null ? "" : `${b.p50 - p.p50 >= 0 ? "+" : ""}${ms(b.p50 - p.p50)} ms`;
  rows.push([`paid request (official v2 client, verify + work + settle), p50 of ${b.count ?? p.count ?? "?"}`, cell(p), cell(b), ratio]);
}

// mass wake-up
{
  const callers = Number(env.BENCH_WAKE_CALLERS ?? 10000);
  const w = read("wakeup");
  const rel = read("wake-release");
  const pay = read("wake-pay");
  const s = (t, from) => fmt((t - from) / 1000, 2);
  let held, woke;
  if (pay.na || !pay.last?.generationId) {
    const why = pay.na ? pay.na : `paying the generation failed: ${(pay.firstError ?? "").slice(0, 120)}`;
    held = woke = `n/a (${why})`;
  } else if (w.na) {
    held = woke = na(w);
  } else {
    held = `${fmt(w.threadsHeldMax)} threads (${fmt(w.threadsBefore)} before), ${fmt(w.rssMbHeldMax)} MB RSS (${fmt(w.rssMbBefore)} before)`;
    if (w.heldSamples === 0) held += " — no sample while all were held";
    if (w.answeredBeforeAllSent > 0) held += `; **${fmt(w.answeredBeforeAllSent)} answered before all were sent**`;
    if (rel.na || rel.releaseEpochMs == null) {
      woke = `n/a (no completed_at: ${rel.na ?? rel.state})`;
    } else {
      woke = `${s(w.arrivalP50, rel.releaseEpochMs)} s / ${s(w.arrivalP99, rel.releaseEpochMs)} s (first ${s(w.arrivalFirst, rel.releaseEpochMs)} s, `
        + `last ${s(w.arrivalLast, rel.releaseEpochMs)} s); ${fmt(w.completed)} of ${fmt(callers)} answered 200 completed`;
      if (w.completed < callers) woke += ` (${statusText(w.statuses)})`;
      if (w.allSentEpochMs > rel.releaseEpochMs) woke += `; **released ${s(w.allSentEpochMs, rel.releaseEpochMs)} s before the last caller was sent**`;
    }
  }
  // the floor: the same client against a bare node server answering everyone at once
  const f = read("wake-floor");
  const fr = read("wake-floor-release");
  const floor = f.na || fr.na || !f.completed
    ? `n/a (${f.na ?? fr.na ?? "no answers"})`
    : `a bare server writing ${fmt(fr.held)} pre-encoded answers at once: ${s(f.arrivalP50, fr.releaseEpochMs)} s / ${s(f.arrivalP99, fr.releaseEpochMs)} s (the client's and machine's floor)`;
  rows.push([`${fmt(callers)} poll=true callers on one generation: threads, RSS`, "—", held, ""]);
  rows.push(["... time from release to answer, p50 / p99", floor, woke, ""]);

  // two instances on one database: half the callers on each, Kie.ai's callback reaching the first only
  const rel2 = read("wake2-release");
  const pay2 = read("wake2-pay");
  const side = (name, label) => {
    const r = read(`wake2-${name}`);
    if (pay2.na || !pay2.last?.generationId) return `${label}: n/a (${pay2.na ?? "paying the generation failed"})`;
    if (r.na) return `${label}: ${na(r)}`;
    if (rel2.na || rel2.releaseEpochMs == null) return `${label}: n/a (no completed_at)`;
    const late = r.allSentEpochMs > rel2.releaseEpochMs
      ? `; **released ${s(r.allSentEpochMs, rel2.releaseEpochMs)} s before its last caller was sent**` : "";
    return `${label} ${s(r.arrivalP50, rel2.releaseEpochMs)} s / ${s(r.arrivalP99, rel2.releaseEpochMs)} s `
      + `(last ${s(r.arrivalLast, rel2.releaseEpochMs)} s; ${fmt(r.completed)} of ${fmt(r.callers)} completed${late})`;
  };
  rows.push([`... two instances on one PostgreSQL, ${fmt(Math.floor(callers / 2))} callers on each, callback on the first: p50 / p99`,
    "—", `${side("a", "first (got the callback)")}; ${side("b", "second (woken by NOTIFY)")}`, ""]);
}

// cost growth
{
  const cell = (side) => {
    const points = [1, 8, 32].map((c) => [c, read(`cost-${c}-${side}`)]);
    const rates = points.map(([, r]) => (r.na ? "n/a" : fmt(r.rps, 1))).join(" / ");
    const p50s = points.map(([, r]) => (r.na ? "n/a" : ms(r.p50))).join(" / ");
    const capped = points.filter(([, r]) => !r.na && r.cappedAt).map(([c, r]) => `${c}: ${r.cappedAt} in ${fmt(r.seconds, 1)} s`);
    const notes = points.filter(([, r]) => r.na || r.ok < r.count || r.starvedWorkers)
      .map(([c, r]) => r.na ? `${c}: ${na(r)}` : `${c} payers: ${statusText(r.statuses)}${r.starvedWorkers ? `, ${r.starvedWorkers} workers found no funded key` : ""}`);
    if (points.every(([, r]) => r.na)) return { rates, text: na(points[0][1]), points };
    return { rates, text: `${rates} req/s (p50 ${p50s} ms)${notes.length ? ` [not 200: ${notes.join("; ")}]` : ""}`
      + `${capped.length ? ` [stopped at the payment cap: ${capped.join(", ")}]` : ""}`, points };
  };
  const peer = cell("peer");
  const bundle = cell("bundle");
  const k = read("kie-calls");
  let calls;
  if (k.na || !k.generations) calls = `Kie.ai calls per generation n/a (${k.na ?? "no generations"})`;
  else {
    // measured: the bundle's own count of Kie.ai calls by endpoint (its metrics), before and after these generations
    const before = read("kie-before");
    const after = read("kie-after");
    const measured = before.na || after.na ? null : Object.fromEntries(Object.keys(after)
      .map((e) => [e, (after[e] || 0) - (before[e] || 0)]).filter(([, n]) => n > 0));
    const total = measured ? Object.values(measured).reduce((a, b) => a + b, 0) : 0;
    calls = measured && total
      ? `Kie.ai calls per generation ${fmt(total / k.generations, 2)} measured (${Object.entries(measured).map(([e, n]) => `${e} ${fmt(n / k.generations, 2)}`).join(" + ")}; `
      : `Kie.ai calls per generation ${fmt(k.callsPerGeneration, 2)} estimated (1 createTask + ${fmt(k.avgPolls, 2)} poll + ${fmt(k.avgConfirms, 2)} callback confirm + ${fmt(k.avgCreditReads, 2)} credit read; `;

    calls += `${fmt(k.generations)} generations: ${fmt(k.completed)} completed (${fmt(k.byCallback)} by callback, ${fmt(k.byPoll)} by poll), ${fmt(k.failed)} failed`
      + `${k.failReasons ? ` ${JSON.stringify(k.failReasons)}` : ""}${k.unfinished ? `, ${k.unfinished} unfinished` : ""}; sandbox credits left ${fmt(k.creditsLeft)})`;
  }
  const ratio = [1, 8, 32].map((c, i) => {
    const p = peer.points[i][1];
    const b = bundle.points[i][1];
    return p.na || b.na || !p.rps ? "?" : fmt(b.rps / p.rps, 2);
  }).join(" / ");
  const block = Number(env.BENCH_BLOCK_MS ?? 0);
  const chainNote = block > 0 ? ` (chain: a block every ${fmt(block / 1000, 1)} s)` : " (chain: automine)";
  rows.push([`cost growth: paid req/s at 1/8/32 payers${chainNote}; Kie.ai calls per generation`, `${peer.text}; no Kie.ai`,
    `${bundle.text}; ${calls}`, `${ratio}x req/s`]);
}

// ------------------------------------------------------------------ machine and settings
function javaVersion() {
  // java -version writes to stderr
  const r = spawnSync("java", ["-version"], { encoding: "utf8" });
  return `${r.stderr ?? ""}`.trim().split("\n").slice(0, 1).join("") || "?";
}
let cpuModel = "?";
try {
  cpuModel = fs.readFileSync("/proc/cpuinfo", "utf8").match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "?";
} catch {
  /* not Linux */
}
let commit = "?";
try {
  commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
} catch {
  /* not a checkout */
}
const payments = read("payments");
// the bundle's WARN/ERROR lines, grouped by their text with ids, hashes and numbers blanked
let warnings = "none";
try {
  const lines = fs.readFileSync(path.join(work, "bundle-warnings.txt"), "utf8").split("\n").filter(Boolean);
  const groups = new Map();
  for (const line of lines) {
    const text = line.replace(/^[0-9:.]+ /, "").replace(/\[[^\]]*\] /, "")
      .replace(/gen_[0-9a-z_]+/g, "gen_…").replace(/0x[0-9a-fA-F]+/g, "0x…").replace(/\b\d+\b/g, "N").slice(0, 170);
    groups.set(text, (groups.get(text) ?? 0) + 1);
  }
  if (groups.size) warnings = [...groups].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([t, n]) => `${n}× \`${t}\``).join("; ");
} catch {
  /* none */
}

// the bundle's paid request, phase by phase (median of the timed requests): client timestamps + the row's own timestamps
let phases = "n/a";
{
  const b = read("paid-bundle");
  const ph = read("paid-bundle-phases");
  if (!b.na && !ph.na && b.requests?.length) {
    const rows_ = b.requests.map((r) => ({ ...r, ...(ph[r.generationId] ?? {}) })).filter((r) => r.inserted && r.taskCreated && r.settled);
    if (rows_.length) {
      const m = (f) => ms(median(rows_.map(f)));
      phases = `402 round trip + signing + verify + insert ${m((r) => r.inserted - r.startEpochMs)} ms, `
        + `Kie.ai createTask + row update ${m((r) => r.taskCreated - r.inserted)} ms, settle (facilitator + chain) ${m((r) => r.settled - r.taskCreated)} ms, `
        + `answer back to the client ${m((r) => r.endEpochMs - r.settled)} ms`;
    }
  }
}

let loadavg = "?";
try {
  loadavg = fs.readFileSync(path.join(work, "loadavg-start.txt"), "utf8").trim();
} catch {
  /* not Linux */
}
const cellText = (s) => String(s).replace(/\|/g, "\\|");
const out = [];
if (env.BENCH_ONLY === "challenge") {
  // bench/run with BENCH_ONLY=challenge measured the three 402 rows only
  out.push(`# Benchmark, 402 rows only: peer (Express 5 + official @x402/express 2.27.0) vs bundle (Camel 4.18)`);
  out.push("");
  out.push(`${new Date().toISOString()} — commit ${commit} — ${os.cpus().length} CPUs, ${cpuModel} — ${javaVersion()} — node ${process.version}`
    + ` — load average at start ${loadavg}`);
  out.push("");
  out.push("| what | peer | bundle | ratio |");
  out.push("|---|---|---|---|");
  for (const r of rows.slice(0, 3)) out.push(`| ${r.map(cellText).join(" | ")} |`);
  out.push("");
  out.push(`Each side warmed up for ${env.BENCH_CHALLENGE_WARMUP ?? 30} s at 16 clients first; load points ${env.BENCH_SECONDS ?? "?"} s each after a 2 s`
    + ` warm-up; bench/Load.java (raw sockets on one thread, HTTP/1.1 keep-alive, one connection per client), the sora-2 body`
    + ` without payment; CPU: the side's process, user + system, per request.`);
  process.stdout.write(out.join("\n") + "\n");
  process.exit(0);
}
out.push(`# Benchmark: peer (Express 5 + official @x402/express 2.27.0) vs bundle (Camel 4.18)`);
out.push("");
out.push(`${new Date().toISOString()} — commit ${commit} — ${os.cpus().length} CPUs (nproc ${os.availableParallelism?.() ?? os.cpus().length}), ${cpuModel}, `
  + `${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM — ${javaVersion()} — node ${process.version} — load average at start ${loadavg}`);
out.push("");
out.push("| what | peer | bundle | ratio |");
out.push("|---|---|---|---|");
for (const r of rows) out.push(`| ${r.map(cellText).join(" | ")} |`);
out.push("");
out.push(`Everything on loopback on this one machine (load clients, peer, bundle, PostgreSQL, chain, facilitator share its CPUs). `
  + `Load points ${env.BENCH_SECONDS ?? "?"} s each after a 2 s warm-up; 402 load: bench/Load.java (raw sockets on one thread, HTTP/1.1 keep-alive, one connection per client, each side warmed up ${env.BENCH_CHALLENGE_WARMUP ?? 30} s first); `
  + `paid: bench/paid.mjs (@x402/fetch + registerExactEvmScheme, timed in one node process, latency = 402 round trip + signing + paid round trip, ${process.env.BENCH_PAID_WARMUP ?? 200} uncounted warm-up payments first on each side); `
  + `wake-up: one generation made ${fmt(Number(env.BENCH_WAKE_MS ?? 0) / 1000)} s long by the sandbox, long-poll limits raised to the callers, the client warmed up first; `
  + `402 and paid-latency rows on an automining chain (a block per transaction), cost growth on a chain mining a block every ${fmt(Number(env.BENCH_BLOCK_MS ?? 0))} ms (0 = automine); `
  + `sandbox Kie.ai 4 s per generation otherwise; price 3.50 USDC (sora-2).`);
out.push("");
const chain = read("chain");
out.push(`Chain at the end: ${chain.na ? "n/a" : `${fmt(chain.blocks)} blocks, its clock ${fmt(chain.aheadSeconds)} s ahead of the wall clock (blocks may share a timestamp)`}.`);
out.push("");
{
  const pr = (side) => {
    const r = read(`probe-${side}`);
    return r.na ? na(r) : `p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms (${fmt(r.count)} probes${r.errors ? `, ${r.errors} not 402: ${statusText(r.statuses)}` : ""})`;
  };
  out.push(`402 challenge while 32 payers pay (one client, a request every 50 ms): peer ${pr("peer")}; bundle ${pr("bundle")}.`);
  out.push("");
}
out.push(`Bundle paid request, median phases (from its rows' timestamps): ${phases}.`);
{
  // the facilitator's own time per call (its X402_FACILITATOR_TIMING log), for the measured paid requests of each side
  const f = (side) => {
    let calls;
    try {
      calls = fs.readFileSync(path.join(work, `facilitator-${side}.jsonl`), "utf8").trim().split("\n").filter(Boolean).map(JSON.parse);
    } catch {
      return "n/a";
    }
    const p50 = (op) => { const v = calls.filter((c) => c.path === op).map((c) => c.ms); return v.length ? ms(median(v)) : "?"; };
    return calls.length ? `verify ${p50("/verify")} ms + settle ${p50("/settle")} ms` : "n/a";
  };
  out.push("");
  out.push(`The facilitator's own time per call, p50 over the measured paid requests: for the peer ${f("peer")}; for the bundle ${f("bundle")}.`);
}
out.push("");
out.push(`Bundle: payment states of all generations ${payments.na ? "n/a" : JSON.stringify(payments)}; WARN/ERROR in its log: ${warnings}.`);
const text = out.join("\n") + "\n";
process.stdout.write(text);
