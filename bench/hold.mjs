#!/usr/bin/env node
// The wake-up's yardstick: a bare node HTTP server that holds every ?poll=true request and, HOLD_MS after the
// expected number arrived, answers them all at once with a small JSON. Run against it, bench/Load.java wakeup
// shows how fast this machine and this client alone can take in N answers: the floor under the bundle's figure.
//   node bench/hold.mjs --callers N [--hold-ms 2000]
// Prints "HOLD_READY <port>" once listening, then one JSON line {"releaseEpochMs", "held", "writeMs"}, and exits.
import http from "node:http";

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const callers = Number(args.callers ?? 10000);
const holdMs = Number(args["hold-ms"] ?? 2000);
const held = [];
const answer = JSON.stringify({ success: true, state: "completed", result: "http://127.0.0.1/video.mp4" });

const server = http.createServer((req, res) => {
  if (!req.url.includes("poll=true")) {
    res.end(JSON.stringify({ success: true, state: "pending" })); // the client's warm-up: answered at once
    return;
  }
  held.push(res);
  if (held.length === callers) setTimeout(release, holdMs);
});
server.keepAliveTimeout = 65_000;
server.maxConnections = Infinity;

function release() {
  const t0 = Date.now();
  for (const res of held) {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(answer);
  }
  process.stdout.write(JSON.stringify({ releaseEpochMs: t0, held: held.length, writeMs: Date.now() - t0 }) + "\n");
  setTimeout(() => process.exit(0), 3000); // let the last bytes go out
}

server.listen(0, "127.0.0.1", () => process.stdout.write(`HOLD_READY ${server.address().port}\n`));
setTimeout(() => process.exit(1), 300_000).unref(); // never outlive a run that went wrong
