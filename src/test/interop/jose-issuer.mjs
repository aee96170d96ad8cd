// A stand-in identity provider built on node `jose` (panva/jose 5.x), the third-party signer of the interop check.
//
//   node jose-issuer.mjs serve <dir> <port>    generate rsa-1 (RS256) and ec-1 (ES256), publish both in ONE JWKS at
//                                              http://127.0.0.1:<port>/jwks.json; private keys go to <dir>/keys.json
//   node jose-issuer.mjs sign <dir> key=<kid> [alg=..] [kid=..] [iss=..] [aud=..] [exp=<seconds from now>] ...
//                                              print a JWT signed with that key; alg/kid override the header,
//                                              other name=value pairs become claims (sub, org, scope, plan)
//
// `jose` is resolved from NODE_PATH (the run script installs it outside the repository). Keys are made per run and
// never committed. The key `stray-1` is generated too but NOT published: tokens it signs carry a kid not in the set.
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { generateKeyPair, exportJWK, importJWK, SignJWT } = require(require.resolve('jose', { paths: (process.env.NODE_PATH || '').split(':') }));

const [command, dir, ...rest] = process.argv.slice(2);

if (command === 'serve') {
  const port = Number(rest[0]);
  const made = {};
  for (const [kid, alg] of [['rsa-1', 'RS256'], ['ec-1', 'ES256'], ['stray-1', 'RS256']]) {
    const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
    made[kid] = { alg, public: await exportJWK(publicKey), private: await exportJWK(privateKey) };
  }
  writeFileSync(join(dir, 'keys.json'), JSON.stringify(made), { mode: 0o600 });
  // rsa-1 as Keycloak publishes it (alg and use named); ec-1 as jose's exportJWK writes it, plus its kid only,
  // so the service has to infer ES256 from kty EC / crv P-256.
  const jwks = JSON.stringify({
    keys: [
      { ...made['rsa-1'].public, kid: 'rsa-1', alg: 'RS256', use: 'sig' },
      { ...made['ec-1'].public, kid: 'ec-1' },
    ],
  });
  writeFileSync(join(dir, 'jwks.json'), jwks);
  let fetches = 0;
  createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/jwks.json') {
      fetches++;
      console.log(`${new Date().toISOString()} GET /jwks.json (fetch ${fetches})`);
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(jwks);
    } else if (req.url === '/fetches') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(String(fetches));
    } else {
      res.writeHead(404).end();
    }
  }).listen(port, '127.0.0.1', () => console.log(`jwks ready http://127.0.0.1:${port}/jwks.json (rsa-1, ec-1)`));
} else if (command === 'sign') {
  const opts = Object.fromEntries(rest.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
  const made = JSON.parse(readFileSync(join(dir, 'keys.json'), 'utf8'));
  const key = made[opts.key];
  if (!key) throw new Error(`no key ${opts.key}`);
  const signingAlg = key.alg; // the key's own algorithm signs; `alg=` only changes what the header claims
  const header = { alg: opts.alg || signingAlg, kid: opts.kid || opts.key, typ: 'JWT' };
  const now = Math.floor(Date.now() / 1000);
  const exp = now + Number(opts.exp ?? 300);
  const claims = {};
  for (const name of ['sub', 'org', 'scope', 'plan']) if (opts[name] !== undefined) claims[name] = opts[name];
  const privateKey = await importJWK(key.private, signingAlg);
  let jwt;
  if (header.alg === signingAlg) {
    jwt = await new SignJWT(claims).setProtectedHeader(header).setIssuer(opts.iss).setAudience(opts.aud)
      .setIssuedAt(Math.min(now, exp - 60)).setExpirationTime(exp).sign(privateKey);
  } else {
    // jose refuses to sign with a header alg its key does not fit, as it should; this is the forged header an
    // attacker would send: signed by the key's own algorithm, header rewritten afterwards.
    const real = await new SignJWT(claims).setProtectedHeader({ ...header, alg: signingAlg }).setIssuer(opts.iss)
      .setAudience(opts.aud).setIssuedAt(now).setExpirationTime(exp).sign(privateKey);
    const [, payload, signature] = real.split('.');
    jwt = [Buffer.from(JSON.stringify(header)).toString('base64url'), payload, signature].join('.');
  }
  process.stdout.write(jwt);
} else {
  console.error('usage: jose-issuer.mjs serve <dir> <port> | sign <dir> key=<kid> [alg=] [kid=] [iss=] [aud=] [exp=] [sub=] [org=] [scope=] [plan=]');
  process.exit(2);
}
