// jose side of tests/interop.rs: JSON in on stdin, JSON out on stdout.
//
// Input:  {"secret_hex": "...", "ops": [
//            {"op": "mint",   "id": "...", "kid": "...", "claims": {...}},
//            {"op": "verify", "id": "...", "token": "..."}]}
// Output: {"library": "jose", "version": "...", "results": [
//            {"id": "...", "ok": true, "token": "..."},                    // mint
//            {"id": "...", "ok": true, "claims": {...}, "header": {...}},  // verify
//            {"id": "...", "ok": false, "error": "ERR_...: ..."}]}
//
// Verification is exactly `jwtVerify(token, secret, { algorithms: ['HS256'] })` with
// the secret as a Uint8Array, so jose checks the signature and exp/nbf against the
// real clock.
import { readFileSync } from 'node:fs';
import { SignJWT, jwtVerify } from 'jose';

const version = JSON.parse(
  readFileSync(new URL('./node_modules/jose/package.json', import.meta.url), 'utf8'),
).version;

async function run(op, secret) {
  if (op.op === 'mint') {
    const token = await new SignJWT(op.claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: op.kid })
      .sign(secret);
    return { ok: true, token };
  }
  if (op.op === 'verify') {
    try {
      const { payload, protectedHeader } = await jwtVerify(op.token, secret, { algorithms: ['HS256'] });
      return { ok: true, claims: payload, header: protectedHeader };
    } catch (e) {
      return { ok: false, error: `${e.code ?? e.name}: ${e.message}` };
    }
  }
  throw new Error(`unknown op ${JSON.stringify(op.op)}`);
}

const request = JSON.parse(readFileSync(0, 'utf8'));
const secret = new Uint8Array(Buffer.from(request.secret_hex, 'hex'));
const results = [];
for (const op of request.ops) {
  results.push({ id: op.id, ...(await run(op, secret)) });
}
process.stdout.write(JSON.stringify({ library: 'jose', version, results }) + '\n');
