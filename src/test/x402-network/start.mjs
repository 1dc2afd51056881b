#!/usr/bin/env node
// Local x402 network in one command: Hardhat node (in-process, chainId 84532) + TestUSDC at the Base
// Sepolia USDC address + funded payers + the local facilitator (Express).
//
//   node start.mjs [--rpc-port N] [--facilitator-port N] [--payers N] [--payer-usdc N] [--ready-file PATH] [--no-stdin]
//                  [--cdp-key-id ID --cdp-public-key SPKI_BASE64] [--second-chain]
// (--cdp-*: the facilitator plays Coinbase's CDP one: served under /platform/v2/x402, every /verify, /settle and
//  /supported must carry a CDP JWT of that key, checked with its public half only; see lib/cdp-auth.mjs)
// (--payer-usdc: test USDC minted to each payer, default 100; X402_SAME_TIMESTAMP_BLOCKS=1: see hardhat.config.cjs)
// (--second-chain: a second in-process hardhat chain, id 31337, with a token of another EIP-712 domain ("Local Dollar",
//  version "1") and the same payers funded; the facilitator serves v2 on it too, and a second facilitator serves it
//  alone; the ready line's "second" describes it)
//
// stdout: exactly one line, "X402_NETWORK_READY {json}". Logs go to stderr.
// Stops on stdin EOF (unless --no-stdin), SIGTERM or SIGINT.
import fs from "node:fs";
import { parseArgs, jsonLine, CHAIN_ID, USDC_ADDRESS, ASSET_NAME, ASSET_VERSION, NETWORK_V1, NETWORK_V2, CHAIN2_ID, NETWORK2_V2,
  ASSET2_NAME, ASSET2_VERSION } from "./lib/common.mjs";

// Anything a library prints with console.log must not reach stdout (only the ready line does).
console.log = console.error;
console.info = console.error;
const log = (...a) => console.error("[x402-network]", ...a);

const args = parseArgs(process.argv.slice(2), ["no-stdin", "quiet", "second-chain"]);
const quiet = !!args.quiet || process.env.X402_NETWORK_QUIET === "1";
const logv = quiet ? () => {} : log;

const t0 = Date.now();
let shuttingDown = false;
const closers = [];

async function shutdown(why, code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  log(`shutting down (${why})`);
  const timer = setTimeout(() => process.exit(code), 3000);
  timer.unref();
  for (const c of closers.reverse()) {
    try {
      await c();
    } catch (e) {
      log("close error:", e?.message || e);
    }
  }
  process.exit(code);
}

process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGHUP", () => shutdown("SIGHUP"));
process.on("unhandledRejection", (e) => log("unhandled rejection:", e?.stack || e));

try {
  const { startHardhatNode, setupChain } = await import("./lib/chain.mjs");
  const { createFacilitatorApp, listen } = await import("./lib/facilitator.mjs");

  const node = await startHardhatNode({ port: Number(args["rpc-port"] ?? process.env.X402_RPC_PORT ?? 0) });
  closers.push(node.close);
  logv(`hardhat node at ${node.rpcUrl} (${Date.now() - t0} ms)`);

  const setup = await setupChain({
    rpcUrl: node.rpcUrl,
    provider: node.provider,
    payers: Math.max(4, Number(args.payers ?? 6)),
    ...(args["payer-usdc"] ? { payerUsdc: BigInt(args["payer-usdc"]) * 1_000_000n } : {}),
    log: logv,
  });

  let second = null;
  const chains = [{ network: NETWORK_V2, chainId: CHAIN_ID, rpcUrl: node.rpcUrl, v1: NETWORK_V1 }];
  if (args["second-chain"]) {
    const node2 = await startHardhatNode({ chainId: CHAIN2_ID });
    closers.push(node2.close);
    const setup2 = await setupChain({
      rpcUrl: node2.rpcUrl,
      provider: node2.provider,
      payers: Math.max(4, Number(args.payers ?? 6)),
      ...(args["payer-usdc"] ? { payerUsdc: BigInt(args["payer-usdc"]) * 1_000_000n } : {}),
      log: logv,
      chainId: CHAIN2_ID,
      tokenName: ASSET2_NAME,
      tokenVersion: ASSET2_VERSION,
      tokenAt: null,
    });
    const chain2 = { network: NETWORK2_V2, chainId: CHAIN2_ID, rpcUrl: node2.rpcUrl };
    chains.push(chain2);
    // a facilitator of the second chain alone: an entry may have a facilitator of its own
    const alone = createFacilitatorApp({ rpcUrl: node2.rpcUrl, settlerKey: setup2.settlerKey, log: logv, chains: [chain2] });
    const server2 = await listen(alone.app, 0);
    closers.push(() => new Promise((r) => { server2.closeAllConnections?.(); server2.close(() => r()); }));
    second = {
      rpcUrl: node2.rpcUrl,
      chainId: CHAIN2_ID,
      network: NETWORK2_V2,
      asset: setup2.asset,
      assetName: ASSET2_NAME,
      assetVersion: ASSET2_VERSION,
      payTo: setup2.payTo,
      facilitatorUrl: `http://127.0.0.1:${server2.address().port}`,
    };
    logv(`second chain ${CHAIN2_ID} at ${node2.rpcUrl}, token ${setup2.asset}, its own facilitator ${second.facilitatorUrl}`);
  }

  const cdp = args["cdp-key-id"] ? { keyId: args["cdp-key-id"], publicKeySpki: args["cdp-public-key"] } : null;
  const { app } = createFacilitatorApp({ rpcUrl: node.rpcUrl, settlerKey: setup.settlerKey, cdp, log: logv, chains });
  const cdpPath = "/platform/v2/x402";
  let front = app;
  if (cdp) {
    const { default: express } = await import("express");
    front = express();
    front.disable("x-powered-by");
    front.use(cdpPath, app);
  }
  const server = await listen(front, Number(args["facilitator-port"] ?? process.env.X402_FACILITATOR_PORT ?? 0));
  closers.push(
    () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      })
  );
  const facilitatorUrl = `http://127.0.0.1:${server.address().port}${cdp ? cdpPath : ""}`;

  const ready = {
    rpcUrl: node.rpcUrl,
    chainId: CHAIN_ID,
    facilitatorUrl,
    asset: USDC_ADDRESS,
    assetName: ASSET_NAME,
    assetVersion: ASSET_VERSION,
    payTo: setup.payTo,
    payers: setup.payers,
    poorPayer: setup.poorPayer,
    settler: setup.settler,
    ...(second ? { second } : {}),
  };
  const line = `X402_NETWORK_READY ${jsonLine(ready)}\n`;
  if (args["ready-file"]) fs.writeFileSync(args["ready-file"], jsonLine(ready) + "\n");
  process.stdout.write(line);
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(2)} s: rpc ${node.rpcUrl}, facilitator ${facilitatorUrl}${process.env.FACILITATOR_AUTH ? " (auth on)" : ""}`);

  if (!args["no-stdin"]) {
    process.stdin.on("end", () => shutdown("stdin closed"));
    process.stdin.on("error", () => shutdown("stdin error"));
    process.stdin.resume();
  }
} catch (e) {
  log("startup failed:", e?.stack || e);
  await shutdown("startup failure", 1);
}
