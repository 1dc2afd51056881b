// Compiles contracts/*.sol with the solc npm package (solcjs: the compiler ships inside the package,
// nothing is downloaded). Output is cached in .cache/ keyed by the sources + solc version.
import { createRequire } from "node:module";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONTRACTS = ["TestUSDC.sol", "MiniMulticall3.sol"];

function findImport(importPath) {
  try {
    const resolved = require.resolve(importPath, { paths: [ROOT] });
    return { contents: fs.readFileSync(resolved, "utf8") };
  } catch (e) {
    return { error: `not found: ${importPath}` };
  }
}

/** @returns {Promise<Record<string, {abi: any[], bytecode: `0x${string}`}>>} by contract name */
export async function compileContracts({ log = () => {} } = {}) {
  const solcVersion = require("solc/package.json").version;
  const sources = {};
  for (const f of CONTRACTS) {
    sources[f] = { content: fs.readFileSync(path.join(ROOT, "contracts", f), "utf8") };
  }
  const key = createHash("sha256")
    .update(solcVersion)
    .update(require("@openzeppelin/contracts/package.json").version)
    .update(JSON.stringify(sources))
    .digest("hex")
    .slice(0, 16);
  const cacheDir = path.join(ROOT, ".cache");
  const cacheFile = path.join(cacheDir, `contracts-${key}.json`);
  if (fs.existsSync(cacheFile)) {
    return JSON.parse(fs.readFileSync(cacheFile, "utf8"));
  }
  const t0 = Date.now();
  const solc = require("solc");
  const input = {
    language: "Solidity",
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: "cancun",
      outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
    },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === "error");
  if (errors.length) {
    throw new Error("solc failed:\n" + errors.map((e) => e.formattedMessage).join("\n"));
  }
  const result = {};
  for (const f of CONTRACTS) {
    for (const [name, c] of Object.entries(output.contracts[f])) {
      result[name] = { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
    }
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify(result));
  log(`compiled contracts with solc ${solcVersion} in ${Date.now() - t0} ms`);
  return result;
}
