// Hardhat 2 is used ONLY as the local chain (in-process, by lib/chain.mjs). Its compile step would
// download a compiler, so it is pointed at an empty sources folder; contracts are compiled by the
// solc npm package instead (lib/compile.mjs). cache/artifacts go to the OS temp dir.
const os = require("node:os");
const path = require("node:path");
const fs = require("node:fs");

const tmp = path.join(os.tmpdir(), "x402-network-hardhat");
const emptySources = path.join(tmp, "empty-sources");
fs.mkdirSync(emptySources, { recursive: true });

module.exports = {
  solidity: "0.8.26",
  paths: {
    sources: emptySources,
    cache: path.join(tmp, "cache"),
    artifacts: path.join(tmp, "artifacts"),
  },
  networks: {
    hardhat: {
      chainId: 84532,
      loggingEnabled: false,
      // Each automined block moves the chain's clock at least 1 s ahead, so after a few hundred payments a
      // 300 s authorization signed by the wall clock has expired on chain. The benchmark, which pays hundreds of
      // times, lets blocks share a timestamp (X402_SAME_TIMESTAMP_BLOCKS=1); the tests keep Hardhat's default.
      allowBlocksWithSameTimestamp: process.env.X402_SAME_TIMESTAMP_BLOCKS === "1",
      // 20 default accounts of the public test mnemonic, 10000 ETH each.
    },
  },
};
