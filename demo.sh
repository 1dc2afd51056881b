#!/usr/bin/env bash
# A paid generation, end to end, on this machine, in one command: ./demo.sh
#
# Starts the project's local x402 network (a local chain with a USDC look-alike at Base Sepolia's address, funded
# test payers, and the official x402 facilitator) and the bundle (sandbox Kie.ai, embedded PostgreSQL, x402 ON), then
# pays for a video with the OFFICIAL x402 v2 client (@x402/fetch) and prints: the 402 challenge, the settlement
# transaction, the payer's and payTo's USDC balances before and after, and the video URL. Stops what it started.
# Every key here is a local, publicly known test key: nothing real is spent. Needs Java 17, Maven, Node 20.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
NET="$ROOT/src/test/x402-network"
PORT=${DEMO_PORT:-18480}
MODEL_BODY=${DEMO_BODY:-'{"model":"sora-2","prompt":"A paper boat sailing across a rain puddle at golden hour","type":"video"}'}

TMP=$(mktemp -d)
NET_PID=""
BUNDLE_PID=""
cleanup() {
  [ -n "$BUNDLE_PID" ] && kill "$BUNDLE_PID" 2>/dev/null && wait "$BUNDLE_PID" 2>/dev/null || true
  [ -n "$NET_PID" ] && kill "$NET_PID" 2>/dev/null && wait "$NET_PID" 2>/dev/null || true
  rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

step() { printf '\n== %s\n' "$*"; }
json() { node -e "const v=JSON.parse(require('fs').readFileSync(0,'utf8'));console.log($1)"; }

step "building (once) and installing the x402 test packages (once)"
if [ ! -f target/video-gateway.jar ] || [ -n "$(find pom.xml src/main src/test/java/dev/videogate/kie/sim \
      -newer target/video-gateway.jar -print -quit)" ]; then
  mvn -q -DskipTests package
fi
[ -d "$NET/node_modules" ] || (cd "$NET" && npm ci --no-audit --no-fund >/dev/null)

step "starting the local x402 network"
(cd "$NET" && exec node start.mjs --payers 1 --no-stdin --quiet --ready-file "$TMP/network.json" >"$TMP/network.log" 2>&1) &
NET_PID=$!
for _ in $(seq 1 60); do [ -s "$TMP/network.json" ] && break; sleep 1; done
[ -s "$TMP/network.json" ] || { echo "the x402 network did not start; see $TMP/network.log"; exit 1; }
RPC=$(json 'v.rpcUrl' <"$TMP/network.json")
FACILITATOR=$(json 'v.facilitatorUrl' <"$TMP/network.json")
ASSET=$(json 'v.asset' <"$TMP/network.json")
PAY_TO=$(json 'v.payTo' <"$TMP/network.json")
PAYER=$(json 'v.payers[0].address' <"$TMP/network.json")
PAYER_KEY=$(json 'v.payers[0].privateKey' <"$TMP/network.json")
echo "chain $RPC, facilitator $FACILITATOR, payTo $PAY_TO, payer $PAYER"

step "starting the bundle on http://127.0.0.1:$PORT (sandbox Kie.ai, embedded PostgreSQL, x402 on)"
java -Dcamel.server.port="$PORT" -Dcamel.server.host=127.0.0.1 -Dcamel.management.enabled=false \
     -Dapp.public-base-url="http://127.0.0.1:$PORT" -Dapp.db.embedded-dir="$TMP/pg" \
     -Dapp.kie.sandbox=true -Dapp.kie.sandbox-generation-ms=3000 \
     -Dapp.x402.enabled=true -Dapp.x402.pay-to="$PAY_TO" -Dapp.x402.network=eip155:84532 -Dapp.x402.asset="$ASSET" \
     -Dapp.x402.asset-name=USDC -Dapp.x402.asset-version=2 -Dapp.x402.facilitator-url="$FACILITATOR" -Dapp.x402.rpc-url="$RPC" \
     -jar target/video-gateway.jar >"$TMP/bundle.log" 2>&1 &
BUNDLE_PID=$!
for _ in $(seq 1 90); do curl -fs "http://127.0.0.1:$PORT/api/models" >/dev/null 2>&1 && break; sleep 1; done
curl -fs "http://127.0.0.1:$PORT/api/models" >/dev/null || { echo "the bundle did not start; last lines:"; tail -20 "$TMP/bundle.log"; exit 1; }

step "asking without paying: the 402 challenge"
curl -s -D "$TMP/headers" -o "$TMP/challenge.json" -H 'Content-Type: application/json' -d "$MODEL_BODY" "http://127.0.0.1:$PORT/api/generate" >/dev/null
head -1 "$TMP/headers"
grep -i '^payment-required:' "$TMP/headers" | cut -d' ' -f2 | tr -d '\r' | base64 -d | json \
  '"PAYMENT-REQUIRED (x402 v2): " + JSON.stringify({x402Version: v.x402Version, accepts: v.accepts, resource: v.resource}, null, 1)'

balance() { (cd "$NET" && node balance.mjs --rpc "$RPC" --address "$1"); }
usdc() { node -e "console.log((Number(process.argv[1])/1e6).toFixed(6) + ' USDC')" "$1"; }
PAYER_BEFORE=$(balance "$PAYER"); PAY_TO_BEFORE=$(balance "$PAY_TO")

step "paying with the official x402 v2 client (@x402/fetch)"
(cd "$NET" && node pay.mjs --client v2 --url "http://127.0.0.1:$PORT/api/generate" --key "$PAYER_KEY" --body "$MODEL_BODY") >"$TMP/paid.json"
json '"HTTP " + v.status + "  " + JSON.stringify(v.body)' <"$TMP/paid.json"
echo "settlement transaction: $(json 'v.paymentResponse && v.paymentResponse.transaction' <"$TMP/paid.json")"
ID=$(json 'v.body.generationId' <"$TMP/paid.json")
TOKEN=$(json 'v.body.accessToken' <"$TMP/paid.json")

step "balances"
PAYER_AFTER=$(balance "$PAYER"); PAY_TO_AFTER=$(balance "$PAY_TO")
echo "payer  $PAYER: $(usdc "$PAYER_BEFORE") -> $(usdc "$PAYER_AFTER")"
echo "payTo  $PAY_TO: $(usdc "$PAY_TO_BEFORE") -> $(usdc "$PAY_TO_AFTER")"

step "waiting for the video (GET /api/generate/$ID?poll=true with the access token)"
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/generate/$ID?poll=true" >"$TMP/done.json"
json '"state: " + v.state + "\nvideo: " + v.result' <"$TMP/done.json"
