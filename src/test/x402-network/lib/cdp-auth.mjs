// The CDP facilitator's bearer check, as a test stand-in plays it: every request to /verify, /settle and
// /supported must carry "Authorization: Bearer <JWT>" signed by the one API key it knows (only its public half),
// with the header and claims @coinbase/cdp-sdk's generateJwt writes, good now, for exactly this method, host
// and path, and a nonce never seen before. TEST-ONLY.
import crypto from "node:crypto";
import { jwtVerify } from "jose";

/** The public half of a key, from X.509 SPKI DER in base64 (what Java's PublicKey.getEncoded() gives). */
export function publicKeyFromSpki(base64) {
  const key = crypto.createPublicKey({ key: Buffer.from(base64, "base64"), format: "der", type: "spki" });
  return { key, alg: key.asymmetricKeyType === "ed25519" ? "EdDSA" : "ES256" };
}

/** The public half of a CDP secret (PKCS#8 PEM of an EC P-256 key, or base64 of Ed25519 seed + public key). */
export function publicKeyOfSecret(secret) {
  const text = secret.trim().replace(/\\n/g, "\n");
  if (text.startsWith("-----BEGIN")) return { key: crypto.createPublicKey(text), alg: "ES256" };
  const raw = Buffer.from(text, "base64");
  if (raw.length !== 64) throw new Error("not a CDP key secret");
  const key = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.subarray(32).toString("base64url") }, format: "jwk" });
  return { key, alg: "EdDSA" };
}

const REASONS = {
  ERR_JWT_EXPIRED: "expired",
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: "bad_signature",
  ERR_JOSE_ALG_NOT_ALLOWED: "wrong_alg",
};

/**
 * null when the token is good for this request, else why not: missing, not_bearer_jwt, expired, bad_signature,
 * wrong_alg, claim_<name>, wrong_kid, bad_nonce, bad_lifetime, wrong_uri, reused.
 */
export async function refusalOf(authorization, { keyId, publicKey, method, host, path, seen, nowSeconds }) {
  if (!authorization) return "missing";
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/.exec(authorization);
  if (!m) return "not_bearer_jwt";
  let verified;
  try {
    verified = await jwtVerify(m[1], publicKey.key, {
      algorithms: [publicKey.alg],
      issuer: "cdp",
      subject: keyId,
      typ: "JWT",
      requiredClaims: ["iat", "nbf", "exp", "uris"],
      currentDate: new Date(nowSeconds * 1000),
    });
  } catch (e) {
    if (e.code === "ERR_JWT_CLAIM_VALIDATION_FAILED") return `claim_${e.claim}`;
    return REASONS[e.code] ?? `invalid_${e.code ?? "token"}`;
  }
  const { payload, protectedHeader } = verified;
  if (protectedHeader.kid !== keyId) return "wrong_kid";
  if (typeof protectedHeader.nonce !== "string" || !/^[0-9a-f]{32}$/.test(protectedHeader.nonce)) return "bad_nonce";
  if (payload.nbf !== payload.iat || payload.exp - payload.iat > 120) return "bad_lifetime";
  const want = `${method} ${host}${path}`;
  if (!Array.isArray(payload.uris) || payload.uris.length !== 1 || payload.uris[0] !== want) return "wrong_uri";
  for (const [nonce, exp] of seen) if (exp < nowSeconds - 60) seen.delete(nonce);
  if (seen.has(protectedHeader.nonce)) return "reused";
  seen.set(protectedHeader.nonce, payload.exp);
  return null;
}

/**
 * Express middleware: the CDP check in front of a route. key() is the API key it knows ({keyId, publicKey}: a test
 * may swap it); stats().unauthorized counts refusals, stats().cdpRefusals counts them by reason; clock() is the
 * stand-in's time in seconds (a test may move it).
 */
export function requireCdpJwt({ key, stats, clock }) {
  const seen = new Map();
  return async (req, res, next) => {
    const { keyId, publicKey } = key();
    const reason = await refusalOf(req.get("authorization"), {
      keyId, publicKey, method: req.method, host: req.get("host"), path: req.baseUrl + req.path, seen, nowSeconds: clock(),
    });
    if (reason === null) return next();
    stats().unauthorized++;
    stats().cdpRefusals[reason] = (stats().cdpRefusals[reason] ?? 0) + 1;
    res.status(401).json({ error: "unauthorized", reason });
  };
}
