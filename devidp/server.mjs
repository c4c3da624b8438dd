// The development identity provider: two OpenID Connect providers in one process, standing in for a
// MitID broker (/mitid) and a municipality's staff login (/staff). It is panva's oidc-provider with a
// login page where the tester picks a demo identity and an NSIS level, or MFA or not. Keys are made
// at start. Never for production: it refuses to start when PORTAL_ENV=production.
//
//   node devidp/server.mjs --port 5001 --portal http://127.0.0.1:5000 \
//        --mitid-client-key instance/mitid-client-key.pub.pem --staff-client-secret …
//
// --test-hooks adds POST /_test/fault (the next token response is spoiled in one named way) and
// POST /_test/sign (any claims signed with a provider's key), for the portal's tests of what a bad
// provider can send.

import http from 'node:http';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';
import * as jose from 'jose';

import { loginPage, logoutPage, loggedOutPage, errorPage } from './pages.mjs';

if (process.env.PORTAL_ENV === 'production') {
  console.error('The development identity provider never runs in production.');
  process.exit(2);
}

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '5001' },
    host: { type: 'string', default: '127.0.0.1' },
    portal: { type: 'string', multiple: true, default: ['http://127.0.0.1:5000'] },
    'mitid-client-id': { type: 'string', default: 'min-plan' },
    'mitid-client-key': { type: 'string' },
    'mitid-client-secret': { type: 'string' },
    'staff-client-id': { type: 'string', default: 'min-plan-staff' },
    'staff-client-key': { type: 'string' },
    'staff-client-secret': { type: 'string' },
    identities: { type: 'string', default: new URL('./identities.json', import.meta.url).pathname },
    'test-hooks': { type: 'boolean', default: false },
  },
});

const NSIS = 'https://data.gov.dk/concept/core/nsis/loa/';
const LEVELS = ['Low', 'Substantial', 'High'];
const identities = JSON.parse(readFileSync(args.identities, 'utf8'));

async function signingKey() {
  const { privateKey } = await jose.generateKeyPair('RS256', { extractable: true });
  const jwk = await jose.exportJWK(privateKey);
  return { ...jwk, kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
}

// How the portal proves itself at the token endpoint: a public key (private_key_jwt) or a secret.
async function clientAuth(prefix) {
  const keyFile = args[`${prefix}-client-key`];
  if (keyFile) {
    const key = await jose.importSPKI(readFileSync(keyFile, 'utf8'), 'RS256');
    return { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [await jose.exportJWK(key)] } };
  }
  const secret = args[`${prefix}-client-secret`];
  if (!secret) throw new Error(`--${prefix}-client-key or --${prefix}-client-secret is needed`);
  return { token_endpoint_auth_method: 'client_secret_basic', client_secret: secret };
}

function client(name, clientId, auth) {
  const portals = args.portal;
  return {
    client_id: clientId,
    ...auth,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: portals.map((p) => `${p}/login/${name}/callback`),
    post_logout_redirect_uris: portals.map((p) => `${p}/logout/done`),
    // One URL per client: the first portal is the one the provider tells of logouts.
    backchannel_logout_uri: `${portals[0]}/logout/backchannel/${name}`,
    backchannel_logout_session_required: true,
  };
}

function accountFinder(people) {
  return async (ctx, id) => {
    const person = people.find((p) => p.id === id);
    if (!person) return undefined;
    return {
      accountId: id,
      async claims() {
        const claims = { sub: id, name: person.name };
        if (person.cpr) claims['dk:cpr'] = person.cpr;
        if (person.email) claims.email = person.email;
        if (person.groups) claims.groups = person.groups;
        return claims;
      },
    };
  };
}

// The portal is this provider's own service: no consent screen, the grant covers what it asked for.
async function loadExistingGrant(ctx) {
  const grant = new ctx.oidc.provider.Grant({
    clientId: ctx.oidc.client.clientId,
    accountId: ctx.oidc.session.accountId,
  });
  grant.addOIDCScope(ctx.oidc.params.scope);
  await grant.save();
  return grant;
}

const signingKeys = {};

async function makeProvider(name, base, clientConfig, claims, extra) {
  const issuer = `${base}/${name}`;
  signingKeys[name] = await signingKey();
  const provider = new Provider(issuer, {
    clients: [clientConfig],
    jwks: { keys: [signingKeys[name]] },
    findAccount: accountFinder(identities[name]),
    // acr and amr ride on the openid scope, so every ID token says how the person logged in.
    claims: { openid: ['sub', 'acr', 'amr'], sid: null, auth_time: null, iss: null, ...claims },
    scopes: ['openid', ...Object.keys(claims)],
    conformIdTokenClaims: false,
    loadExistingGrant,
    pkce: { methods: ['S256'], required: () => true },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => { ctx.body = logoutPage(name, form); },
        postLogoutSuccessSource: async (ctx) => { ctx.body = loggedOutPage(name); },
      },
    },
    interactions: { url: (ctx, interaction) => `/${name}/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => { ctx.type = 'html'; ctx.body = errorPage(out); },
    ...extra,
  });
  return provider;
}

let armedFault = null;
const stray = await signingKey();

// A test names one way the next token response goes wrong; the portal must refuse it.
async function spoil(body, name) {
  const fault = armedFault;
  armedFault = null;
  const payload = jose.decodeJwt(body.id_token);
  const header = jose.decodeProtectedHeader(body.id_token);
  const now = Math.floor(Date.now() / 1000);
  const changes = {
    'wrong-issuer': { iss: 'https://login.example.net' },
    'wrong-audience': { aud: 'another-service' },
    expired: { iat: now - 7200, exp: now - 3600 },
    'wrong-nonce': { nonce: 'not-the-nonce-you-sent' },
    'empty-subject': { sub: '' },
    'other-key': {},
  }[fault];
  if (!changes) return;
  // Changed in one claim, the token keeps a valid signature; only 'other-key' is signed by a stranger.
  const key = await jose.importJWK(fault === 'other-key' ? stray : signingKeys[name], 'RS256');
  body.id_token = await new jose.SignJWT({ ...payload, ...changes })
    .setProtectedHeader({ alg: 'RS256', kid: header.kid, typ: header.typ })
    .sign(key);
}

function withHooks(provider, name) {
  provider.use(async (ctx, next) => {
    const token = ctx.method === 'POST' && ctx.path === '/token';
    if (token && armedFault === 'slow') {
      armedFault = null;
      await new Promise((resolve) => { setTimeout(resolve, 4000); });
    }
    await next();
    if (token && armedFault && ctx.status === 200 && ctx.body?.id_token) await spoil(ctx.body, name);
  });
}

async function readForm(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

async function interaction(provider, name, req, res, uid, method) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  if (method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(loginPage(name, identities[name], LEVELS, args['test-hooks']));
    return;
  }
  const form = await readForm(req);
  if (form.get('action') === 'cancel') {
    await provider.interactionFinished(req, res, {
      error: 'access_denied', error_description: 'The person cancelled the login',
    }, { mergeWithLastSubmission: false });
    return;
  }
  const person = identities[name].find((p) => p.id === form.get('identity'));
  if (!person) {
    res.statusCode = 400;
    res.end(loginPage(name, identities[name], LEVELS, args['test-hooks'], 'Vælg en identitet.'));
    return;
  }
  const login = { accountId: person.id, remember: false };
  if (name === 'mitid') {
    const level = LEVELS.includes(form.get('level')) ? form.get('level') : 'Substantial';
    login.acr = `${NSIS}${level}`;
  } else {
    login.amr = form.get('mfa') === 'yes' ? ['pwd', 'mfa'] : ['pwd'];
  }
  await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
}

async function main() {
  const port = Number(args.port);
  const server = http.createServer();
  await new Promise((resolve) => { server.listen(port, args.host, resolve); });
  const base = `http://${args.host}:${server.address().port}`;

  const providers = {
    mitid: await makeProvider(
      'mitid', base, client('mitid', args['mitid-client-id'], await clientAuth('mitid')),
      { profile: ['name'], mitid: ['dk:cpr'] },
      { acrValues: LEVELS.map((level) => `${NSIS}${level}`) },
    ),
    staff: await makeProvider(
      'staff', base, client('staff', args['staff-client-id'], await clientAuth('staff')),
      { profile: ['name'], email: ['email'], groups: ['groups'] },
      {},
    ),
  };
  if (args['test-hooks']) {
    for (const [name, provider] of Object.entries(providers)) withHooks(provider, name);
  }

  server.on('request', async (req, res) => {
    try {
      const url = new URL(req.url, base);
      if (args['test-hooks'] && req.method === 'POST' && url.pathname === '/_test/fault') {
        armedFault = (await readForm(req)).get('fault');
        res.end('armed');
        return;
      }
      if (args['test-hooks'] && req.method === 'POST' && url.pathname === '/_test/sign') {
        // A token with the claims a test names, signed with the provider's own key: for the
        // portal's checks of a logout token's claims, which only a signed token reaches.
        const form = await readForm(req);
        const key = signingKeys[form.get('provider')];
        const header = { alg: 'RS256', kid: key.kid, typ: 'logout+jwt' };
        res.end(await new jose.SignJWT(JSON.parse(form.get('claims'))).setProtectedHeader(header)
          .sign(await jose.importJWK(key, 'RS256')));
        return;
      }
      const [, name, ...rest] = url.pathname.split('/');
      const provider = providers[name];
      if (!provider) {
        res.statusCode = 404;
        res.end('Not found');
        return;
      }
      const match = /^interaction\/([\w-]+)$/.exec(rest.join('/'));
      if (match && (req.method === 'GET' || req.method === 'POST')) {
        await interaction(provider, name, req, res, match[1], req.method);
        return;
      }
      // Mounted under /<name>: the provider reads its mount path from originalUrl.
      req.originalUrl = req.url;
      req.url = req.url.slice(name.length + 1) || '/';
      provider.callback()(req, res);
    } catch (err) {
      console.error(err);
      if (!res.headersSent) {
        res.statusCode = 400;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(errorPage({ error: 'invalid_request', error_description: err.message }));
      }
    }
  });
  console.log(`devidp listening on ${base} (issuers ${base}/mitid and ${base}/staff)`);
}

await main();
