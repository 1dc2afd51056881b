// Starts Hardhat's node IN-PROCESS (JS API: hre.network.provider + its JsonRpcServer), so that no
// child process can be orphaned, then deploys TestUSDC at the Base Sepolia USDC address, places a
// Multicall3 subset at the canonical Multicall3 address, and funds the test accounts.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  createPublicClient,
  createWalletClient,
  http,
  getAddress,
  hashDomain,
  parseEther,
  numberToHex,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { compileContracts } from "./compile.mjs";
import {
  CHAIN_ID,
  USDC_ADDRESS,
  MULTICALL3_ADDRESS,
  ASSET_NAME,
  ASSET_VERSION,
  localChain,
  testKey,
  usdcAbi,
} from "./common.mjs";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Starts the in-process hardhat JSON-RPC server on 127.0.0.1:port (0 = any free port). chainId other than 84532: a
 * second, independent in-process hardhat network (its own state) made from the same config with that chain id.
 */
export async function startHardhatNode({ port = 0, chainId = CHAIN_ID } = {}) {
  process.env.HARDHAT_CONFIG = path.join(ROOT, "hardhat.config.cjs");
  process.env.HARDHAT_DISABLE_TELEMETRY_PROMPT = "true";
  const hre = require("hardhat");
  const { JsonRpcServer } = require("hardhat/internal/hardhat-network/jsonrpc/server");
  let provider = hre.network.provider;
  if (chainId !== CHAIN_ID) {
    const { createProvider } = require("hardhat/internal/core/providers/construction");
    const config = { ...hre.config, networks: { ...hre.config.networks, hardhat: { ...hre.config.networks.hardhat, chainId } } };
    provider = await createProvider(config, "hardhat", hre.artifacts);
  }
  const chainIdHex = await provider.request({ method: "eth_chainId" });
  if (Number(chainIdHex) !== chainId) throw new Error(`hardhat chainId is ${chainIdHex}, expected ${chainId}`);
  const server = new JsonRpcServer({ hostname: "127.0.0.1", port, provider });
  const addr = await server.listen();
  const rpcUrl = `http://127.0.0.1:${addr.port}`;
  return {
    rpcUrl,
    provider,
    close: async () => {
      try {
        await server.close();
      } catch {
        /* already closed */
      }
    },
  };
}

async function rpc(provider, method, params = []) {
  return provider.request({ method, params });
}

/**
 * Deploys and funds everything. Returns the network description printed in the ready line.
 * The token's EIP-712 domain is (tokenName, tokenVersion); its code is copied to tokenAt (the Base Sepolia USDC
 * address by default), or, tokenAt null, it stays where it was deployed.
 * @param {{rpcUrl: string, provider: any, payers?: number, payerUsdc?: bigint, poorUsdc?: bigint, log?: Function,
 *          chainId?: number, tokenName?: string, tokenVersion?: string, tokenAt?: string|null}} o
 */
export async function setupChain({ rpcUrl, provider, payers = 6, payerUsdc = 100_000_000n, poorUsdc = 1_000_000n, log = () => {},
                                   chainId = CHAIN_ID, tokenName = ASSET_NAME, tokenVersion = ASSET_VERSION, tokenAt = USDC_ADDRESS }) {
  const chain = localChain(rpcUrl, chainId);
  const transport = http(rpcUrl, { retryCount: 0 });
  const pub = createPublicClient({ chain, transport, pollingInterval: 50 });
  const deployer = privateKeyToAccount(testKey("deployer"));
  const settler = privateKeyToAccount(testKey("settler"));
  const payerAccounts = Array.from({ length: payers }, (_, i) => privateKeyToAccount(testKey("payer", i)));
  const poor = privateKeyToAccount(testKey("poor-payer"));
  const payTo = privateKeyToAccount(testKey("pay-to"));

  // Gas money for the deployer and the facilitator's settling account (payers need none: EIP-3009 is gasless).
  for (const a of [deployer.address, settler.address]) {
    await rpc(provider, "hardhat_setBalance", [a, numberToHex(parseEther("10000"))]);
  }

  const artifacts = await compileContracts({ log });
  const wallet = createWalletClient({ account: deployer, chain, transport, pollingInterval: 50 });

  async function deployAt(name, target, args = []) {
    const hash = await wallet.deployContract({ abi: artifacts[name].abi, bytecode: artifacts[name].bytecode, args });
    const receipt = await pub.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`deploy of ${name} failed`);
    const deployed = receipt.contractAddress;
    if (target === null) return deployed;
    const code = await rpc(provider, "eth_getCode", [deployed, "latest"]);
    await rpc(provider, "hardhat_setCode", [target, code]);
    // Copy the low storage slots (ERC20 name/symbol strings etc.); nothing else matters before minting.
    for (let slot = 0; slot < 16; slot++) {
      const key = numberToHex(slot, { size: 32 });
      const val = await rpc(provider, "eth_getStorageAt", [deployed, key, "latest"]);
      if (BigInt(val) !== 0n) await rpc(provider, "hardhat_setStorageAt", [target, key, val]);
    }
    return deployed;
  }

  const tmpUsdc = await deployAt("TestUSDC", tokenAt, [tokenName, tokenVersion]);
  const TOKEN = tokenAt ?? tmpUsdc;
  await deployAt("MiniMulticall3", MULTICALL3_ADDRESS);
  log(`TestUSDC (${tokenName} v${tokenVersion}) deployed at ${tmpUsdc}, token at ${TOKEN} on chain ${chainId}; Multicall3 subset at ${MULTICALL3_ADDRESS}`);

  // Check that the token's EIP-712 domain is the one a signer computes for USDC on Base Sepolia.
  const [name, version, decimals, separator] = await Promise.all([
    pub.readContract({ address: TOKEN, abi: usdcAbi, functionName: "name" }),
    pub.readContract({ address: TOKEN, abi: usdcAbi, functionName: "version" }),
    pub.readContract({ address: TOKEN, abi: usdcAbi, functionName: "decimals" }),
    pub.readContract({ address: TOKEN, abi: usdcAbi, functionName: "DOMAIN_SEPARATOR" }),
  ]);
  const expected = hashDomain({
    domain: { name: tokenName, version: tokenVersion, chainId, verifyingContract: TOKEN },
    types: {
      EIP712Domain: [
        { name: "name", type: "string" },
        { name: "version", type: "string" },
        { name: "chainId", type: "uint256" },
        { name: "verifyingContract", type: "address" },
      ],
    },
  });
  if (name !== tokenName || version !== tokenVersion || decimals !== 6 || separator !== expected) {
    throw new Error(`TestUSDC domain mismatch: ${name}/${version}/${decimals} ${separator} != ${expected}`);
  }
  const domain = await pub.getEip712Domain({ address: TOKEN });
  if (getAddress(domain.domain.verifyingContract) !== getAddress(TOKEN)) {
    throw new Error(`eip712Domain verifyingContract is ${domain.domain.verifyingContract}`);
  }

  // Fund the payers (sequential: automine makes each call return once mined).
  const mintAbi = artifacts.TestUSDC.abi;
  const mints = [...payerAccounts.map((a) => [a.address, payerUsdc]), [poor.address, poorUsdc]];
  let nonce = await pub.getTransactionCount({ address: deployer.address });
  const hashes = [];
  for (const [to, amount] of mints) {
    hashes.push(
      await wallet.writeContract({ address: TOKEN, abi: mintAbi, functionName: "mint", args: [to, amount], nonce: nonce++, gas: 200_000n })
    );
  }
  for (const h of hashes) {
    const r = await pub.waitForTransactionReceipt({ hash: h });
    if (r.status !== "success") throw new Error(`mint failed: ${h}`);
  }
  for (const [to, amount] of mints) {
    const bal = await pub.readContract({ address: TOKEN, abi: usdcAbi, functionName: "balanceOf", args: [to] });
    if (bal !== amount) throw new Error(`balance of ${to} is ${bal}, expected ${amount}`);
  }

  return {
    chain,
    chainId,
    asset: getAddress(TOKEN),
    assetName: tokenName,
    assetVersion: tokenVersion,
    deployer,
    settlerKey: testKey("settler"),
    settler: settler.address,
    payTo: payTo.address,
    payers: payerAccounts.map((a, i) => ({ address: a.address, privateKey: testKey("payer", i) })),
    poorPayer: { address: poor.address, privateKey: testKey("poor-payer") },
  };
}
