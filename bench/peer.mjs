#!/usr/bin/env node
// The peer: what the same paid endpoint costs with the OFFICIAL x402 v2 server stack and nothing else.
// Express 5 + @x402/express 2.27.0 paymentMiddleware (x402ResourceServer, ExactEvmScheme server from @x402/evm,
// HTTPFacilitatorClient on the local facilitator) protecting POST /api/generate at the bundle's price, payTo,
// network and asset. The handler does no work (no Kie.ai, no database): it answers a small JSON shaped like
// the bundle's 200, so "bundle minus peer" is what the bundle's own work and bookkeeping cost.
//
//   node bench/peer.mjs --modules DIR --facilitator URL --pay-to ADDR --asset ADDR [--amount 3500000] [--port 0]
// Prints one line "PEER_READY <port>" on stdout once listening (logs go to stderr); stops on SIGTERM/SIGINT.
//
// Modules come from the local x402 network's node_modules (--modules): ESM ignores NODE_PATH, so they are
// loaded with createRequire (their CommonJS builds: one copy of each package, no dual-package mix-up).
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import path from "node:path";

const args = {};
for (let i = 2; i + 1 < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const need = (k) => {
  if (!args[k]) throw new Error(`missing --${k}`);
  return args[k];
};

const require = createRequire(path.join(path.resolve(args.modules ?? "src/test/x402-network"), "package.json"));
const express = require("express");
const { paymentMiddleware, x402ResourceServer } = require("@x402/express");
const { HTTPFacilitatorClient } = require("@x402/core/server");
const { ExactEvmScheme } = require("@x402/evm/exact/server");

const NETWORK = "eip155:84532";
const amount = args.amount ?? "3500000"; // 3.50 USDC, the bundle's sora-2 price
const price = Number(amount) / 1e6;

const resourceServer = new x402ResourceServer(new HTTPFacilitatorClient({ url: need("facilitator") }))
  .register(NETWORK, new ExactEvmScheme());

const app = express();
app.disable("x-powered-by");
app.use(express.json({ limit: "64kb" }));
app.use(
  paymentMiddleware(
    {
      "POST /api/generate": {
        accepts: {
          scheme: "exact",
          network: NETWORK,
          payTo: need("pay-to"),
          // our asset given explicitly (the local chain's USDC look-alike, EIP-712 name/version as the bundle's)
          price: { amount, asset: need("asset"), extra: { name: "USDC", version: "2" } },
          maxTimeoutSeconds: 300,
        },
        description: "AI video generation (sora-2) - bench peer",
        mimeType: "application/json",
      },
    },
    resourceServer,
  ),
);

// Paid: answer like the bundle's 200, without doing the work.
app.post("/api/generate", (req, res) => {
  const id = `gen_${Date.now()}_${randomBytes(10).toString("hex")}`;
  res.json({
    paymentRequired: false,
    price,
    model: req.body?.model ?? "sora-2",
    generationId: id,
    kieTaskId: randomBytes(16).toString("hex"),
    state: "pending",
    statusUrl: `/api/generate/${id}`,
    accessToken: randomBytes(32).toString("base64url"),
  });
});

const server = app.listen(Number(args.port ?? 0), "127.0.0.1", () => {
  process.stdout.write(`PEER_READY ${server.address().port}\n`);
});
server.keepAliveTimeout = 65_000; // keep client connections open between requests, as the bundle does
for (const sig of ["SIGTERM", "SIGINT"]) process.on(sig, () => server.close(() => process.exit(0)).closeAllConnections());
