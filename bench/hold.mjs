#!/usr/bin/env node
// The wake-up's yardstick: a bare server that holds every ?poll=true request and, HOLD_MS after the expected
// number arrived, answers them all at once with one pre-encoded HTTP answer written to each socket. Run against it,
// bench/Load.java wakeup shows how fast this machine, its kernel and the client alone take in N answers: the floor
// under the bundle's figure (node's own http module spends more per answer than the client does, so it is not used).
//   node bench/hold.mjs --callers N [--hold-ms 2000]
// Prints "HOLD_READY <port>" once listening, then one JSON line {"releaseEpochMs", "held", "writeMs"}, and exits.
import net from "node:net";

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const callers = Number(args.callers ?? 10000);
const holdMs = Number(args["hold-ms"] ?? 2000);
const held = [];

function answer(json) {
  const body = Buffer.from(JSON.stringify(json));
  return Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`), body]);
}
const completed = answer({ success: true, state: "completed", result: "http://127.0.0.1/video.mp4" });
const pending = answer({ success: true, state: "pending" });

const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  let buffered = "";
  socket.on("data", (chunk) => {
    buffered += chunk.toString("latin1");
    let end;
    while ((end = buffered.indexOf("\r\n\r\n")) >= 0) { // GETs only: a request ends with its blank line
      const head = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      if (!head.split("\r\n", 1)[0].includes("poll=true")) {
        socket.write(pending); // the client's warm-up: answered at once
        continue;
      }
      held.push(socket);
      if (held.length === callers) setTimeout(release, holdMs);
    }
  });
  socket.on("error", () => {});
});
server.maxConnections = Infinity;

function release() {
  const t0 = Date.now();
  for (const socket of held) socket.write(completed);
  process.stdout.write(JSON.stringify({ releaseEpochMs: t0, held: held.length, writeMs: Date.now() - t0 }) + "\n");
  setTimeout(() => process.exit(0), 3000); // let the last bytes go out
}

server.listen(0, "127.0.0.1", () => process.stdout.write(`HOLD_READY ${server.address().port}\n`));
setTimeout(() => process.exit(1), 300_000).unref(); // never outlive a run that went wrong
