#!/usr/bin/env node
// One payer paying N times AT ONCE with the OFFICIAL client (each payment signed with its own EIP-3009 nonce), all
// in one process so that the requests reach the server together:
//   node pay-many.mjs --count N --client v2|v1 --url <url> --key <privateKey> [--body '<json>']
// Prints ONE JSON line: {"ms", "results": [the line pay.mjs prints, or {"error"} when the client threw], ...}.
import { parseArgs, jsonLine } from "./lib/common.mjs";
import { pay } from "./pay.mjs";

console.log = console.error;

try {
  const a = parseArgs(process.argv.slice(2));
  const count = Number(a.count ?? 2);
  if (!a.url || !a.key || !(count > 0)) throw new Error("usage: node pay-many.mjs --count N --client v2|v1 --url <url> --key <pk>");
  const started = Date.now();
  const results = await Promise.all(Array.from({ length: count }, () =>
    pay({ client: a.client ?? "v2", url: a.url, key: a.key, body: a.body }).catch((e) => ({ error: String(e?.message || e) }))));
  // exit only once the line is written: a pipe takes 64 KiB at a time, and exit() drops the rest
  await new Promise((written) => process.stdout.write(jsonLine({ ms: Date.now() - started, results }) + "\n", written));
  process.exit(0);
} catch (e) {
  console.error(e?.stack || String(e));
  process.exit(2);
}
