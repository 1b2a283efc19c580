// node-oidc-provider for the gate's foreign-issuer integration tests (dev.tollgate.it.foreign.issuers).
// Usage: node provider.mjs <port>. Listens on 127.0.0.1 only; the issuer is http://127.0.0.1:<port>.
//
// Client credentials with RFC 8707 resource indicators: tokens for the orders API are JWTs (RFC 9068), tokens for
// the reports and billing APIs are opaque, for RFC 7662 introspection by the client "tollgate-gate".
// The signing key is made at start, so that no key is ever committed. Prints "READY <issuer>" when listening.
//
// For the token client's tests (dev.tollgate.it.foreign.client): DPoP (RFC 9449), PAR (RFC 9126, on by default) and
// private_key_jwt. When TOLLGATE_IT_CLIENT_JWKS holds a JWKS (the public keys of the test's client), the clients
// "dpop-worker" and "dpop-nonce-worker" authenticate with private_key_jwt against it; the second must send the
// provider's DPoP nonce (use_dpop_nonce first).
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node provider.mjs <port>');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;

const resourceServers = {
  'https://orders.example/api': {
    scope: 'orders:read orders:write',
    audience: 'https://orders.example/api',
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'RS256' } },
  },
  'https://reports.example/api': {
    scope: 'reports:read',
    audience: 'https://reports.example/api',
    accessTokenFormat: 'opaque',
  },
  'https://billing.example/api': {
    scope: 'billing:read',
    audience: 'https://billing.example/api',
    accessTokenFormat: 'opaque',
  },
};

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `op-${randomUUID()}`, alg: 'RS256', use: 'sig' };

const clientJwks = process.env.TOLLGATE_IT_CLIENT_JWKS ? JSON.parse(process.env.TOLLGATE_IT_CLIENT_JWKS) : null;
const keyClients = clientJwks === null ? [] : ['dpop-worker', 'dpop-nonce-worker'].map((clientId) => ({
  client_id: clientId,
  token_endpoint_auth_method: 'private_key_jwt',
  jwks: clientJwks,
  grant_types: ['client_credentials'],
  redirect_uris: [],
  response_types: [],
}));

const provider = new Provider(issuer, {
  clients: [
    ...keyClients,
    {
      client_id: 'orders-worker',
      client_secret: 'orders-worker-secret-0123456789',
      grant_types: ['client_credentials'],
      redirect_uris: [],
      response_types: [],
    },
    {
      client_id: 'tollgate-gate',
      client_secret: 'tollgate-gate-secret-0123456789',
      grant_types: [],
      redirect_uris: [],
      response_types: [],
    },
  ],
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomUUID()] },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    dPoP: {
      enabled: true,
      nonceSecret: randomBytes(32),
      requireNonce: (ctx) => ctx.oidc?.client?.clientId === 'dpop-nonce-worker',
    },
    introspection: {
      enabled: true,
      // Only the gate's confidential client may introspect.
      allowedPolicy: async (ctx, client) => client.clientId === 'tollgate-gate',
    },
    resourceIndicators: {
      enabled: true,
      defaultResource: async (ctx, client, oneOf) => oneOf,
      useGrantedResource: async () => true,
      getResourceServerInfo: async (ctx, resourceIndicator) => {
        const server = resourceServers[resourceIndicator];
        if (!server) {
          throw new errors.InvalidTarget();
        }
        return server;
      },
    },
  },
});

const server = provider.listen(port, '127.0.0.1', () => console.log(`READY ${issuer}`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
