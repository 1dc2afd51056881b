#!/usr/bin/env node
// node balance.mjs --rpc <url> --address <addr> [--asset <token>]  -> prints the token balance (atomic units)
import { createPublicClient, http } from "viem";
import { parseArgs, localChain, usdcAbi, USDC_ADDRESS } from "./lib/common.mjs";

export async function balanceOf(rpc, address, asset = USDC_ADDRESS) {
  const pub = createPublicClient({ chain: localChain(rpc), transport: http(rpc, { retryCount: 0 }) });
  return pub.readContract({ address: asset, abi: usdcAbi, functionName: "balanceOf", args: [address] });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const a = parseArgs(process.argv.slice(2));
    if (!a.rpc || !a.address) throw new Error("usage: node balance.mjs --rpc <url> --address <addr>");
    process.stdout.write((await balanceOf(a.rpc, a.address, a.asset ?? USDC_ADDRESS)).toString() + "\n");
  } catch (e) {
    console.error(e?.stack || String(e));
    process.exit(2);
  }
}
