// oauth4webapi as an independent client of the Tollgate authorization server, run by
// dev.tollgate.it.oauth.Oauth4webapiIT. It does discovery (RFC 8414), client credentials with private_key_jwt
// (RFC 7523), then a pushed authorization request (RFC 9126) and the code flow with PKCE, logging in over plain
// HTTP through the server's login (and, when asked, consent) pages. It prints one JSON object of what it saw, or
// exits 1 with the error.
//
// Input, from the environment:
//   TOLLGATE_ISSUER      the issuer (http://localhost:<port>)
//   CLIENT_ID            a registered private_key_jwt client (client_credentials and authorization_code)
//   CLIENT_JWK           its private key as a JWK (EC P-256), with its kid
//   REDIRECT_URI         one of its redirect URIs
//   USERNAME, PASSWORD   the user who logs in
//   DPOP                 "true" to send DPoP proofs (RFC 9449, oauth4webapi's DPoP handle) on the token requests;
//                        the result then also holds the proof key's public JWK, each token's cnf, and what the
//                        server's gated demo API (/api/me) answers to the token with a proof of oauth4webapi and to
//                        the same token sent as Bearer (never the tokens themselves)
import * as oauth from 'oauth4webapi'

const env = (name) => {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set`)
  return value
}

const issuer = new URL(env('TOLLGATE_ISSUER'))
const redirectUri = env('REDIRECT_URI')
const jwk = JSON.parse(env('CLIENT_JWK'))
// The server under test listens on plain HTTP on loopback.
const insecure = { [oauth.allowInsecureRequests]: true }

const key = await crypto.subtle.importKey('jwk', jwk, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign'])
const client = { client_id: env('CLIENT_ID') }
// private_key_jwt: oauth4webapi puts the issuer identifier in aud
const clientAuth = oauth.PrivateKeyJwt({ key, kid: jwk.kid })

let dpop
let dpopPublicKey
if (process.env.DPOP === 'true') {
  const pair = await oauth.generateKeyPair('ES256')
  dpop = oauth.DPoP(client, pair)
  dpopPublicKey = pair.publicKey
}
const withDpop = dpop ? { ...insecure, DPoP: dpop } : insecure

const result = {}
if (dpop) result.dpopPublicJwk = await crypto.subtle.exportKey('jwk', dpopPublicKey)

// RFC 9449 §6.1: the JWT access token's cnf (its payload is read, not verified: the server signed it)
const cnf = (accessToken) => JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).cnf ?? null

// The gated demo API with the token: with oauth4webapi's proof (DPoP scheme, ath), then the same token as Bearer
const callApi = async (accessToken) => {
  const api = new URL('/api/me', issuer)
  const withProof = await oauth.protectedResourceRequest(accessToken, 'GET', api, undefined, undefined, withDpop)
  const asBearer = await fetch(api, { headers: { authorization: `Bearer ${accessToken}` } })
  const problem = await asBearer.json().catch(() => null)
  return {
    dpop: { status: withProof.status, body: await withProof.json().catch(() => null) },
    bearer: {
      status: asBearer.status,
      www_authenticate: asBearer.headers.get('www-authenticate'),
      problem_type: problem?.type ?? null,
    },
  }
}

// Discovery (RFC 8414)
const as = await oauth.processDiscoveryResponse(issuer,
  await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', ...insecure }))
result.discovery = {
  issuer: as.issuer,
  pushed_authorization_request_endpoint: as.pushed_authorization_request_endpoint,
  token_endpoint_auth_methods_supported: as.token_endpoint_auth_methods_supported,
}

// Client credentials with private_key_jwt
const cc = await oauth.processClientCredentialsResponse(as, client,
  await oauth.clientCredentialsGrantRequest(as, client, clientAuth, new URLSearchParams({ scope: 'read' }), withDpop))
result.clientCredentials = { token_type: cc.token_type, scope: cc.scope, has_access_token: !!cc.access_token }
if (dpop) {
  result.clientCredentials.cnf = cnf(cc.access_token)
  result.clientCredentials.api = await callApi(cc.access_token)
}

// Pushed authorization request, authenticated with private_key_jwt, then the code flow with PKCE
const verifier = oauth.generateRandomCodeVerifier()
const state = oauth.generateRandomState()
const par = await oauth.processPushedAuthorizationResponse(as, client,
  await oauth.pushedAuthorizationRequest(as, client, clientAuth, new URLSearchParams({
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: 'read',
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  }), insecure))
result.par = { expires_in: par.expires_in, request_uri_prefix: par.request_uri.slice(0, 34) }

// A browser without a browser: cookies kept by hand, redirects not followed.
const cookies = new Map()
const remember = (response) => {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const eq = pair.indexOf('=')
    cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1))
  }
}
const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ')
const browse = async (url, form) => {
  const response = await fetch(new URL(url, issuer), {
    method: form ? 'POST' : 'GET',
    redirect: 'manual',
    headers: {
      cookie: cookieHeader(),
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    body: form ? new URLSearchParams(form) : undefined,
  })
  remember(response)
  return response
}
const hidden = (html, name) => {
  const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`))
  if (!match) throw new Error(`no hidden input ${name}`)
  return match[1].replaceAll('&amp;', '&')
}

const authorizationUrl = new URL(as.authorization_endpoint)
authorizationUrl.searchParams.set('client_id', client.client_id)
authorizationUrl.searchParams.set('request_uri', par.request_uri)
let response = await browse(authorizationUrl)
if (response.status !== 303) throw new Error(`authorize answered ${response.status}: ${await response.text()}`)
const loginPage = await browse(response.headers.get('location'))
const loginHtml = await loginPage.text()
response = await browse('/oauth2/login', {
  username: env('USERNAME'),
  password: env('PASSWORD'),
  csrf_token: hidden(loginHtml, 'csrf_token'),
  request_id: hidden(loginHtml, 'request_id'),
})
let location = response.headers.get('location')
if (location && location.includes('/oauth2/consent')) {
  const consentHtml = await (await browse(location)).text()
  response = await browse('/oauth2/consent', {
    decision: 'allow',
    csrf_token: hidden(consentHtml, 'csrf_token'),
    request_id: hidden(consentHtml, 'request_id'),
  })
  location = response.headers.get('location')
}
if (!location || !location.startsWith(redirectUri)) throw new Error(`not sent back to the client: ${location}`)

// The authorization response (RFC 9207 iss checked by oauth4webapi), then the code for tokens
const params = oauth.validateAuthResponse(as, client, new URL(location), state)
const tokens = await oauth.processAuthorizationCodeResponse(as, client,
  await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, redirectUri, verifier, withDpop))
result.code = { token_type: tokens.token_type, scope: tokens.scope, has_refresh_token: !!tokens.refresh_token }
if (dpop) {
  result.code.cnf = cnf(tokens.access_token)
  result.code.api = await callApi(tokens.access_token)
}

// The same request_uri again: the server refuses it
const again = await browse(authorizationUrl)
result.requestUriReused = { status: again.status }

process.stdout.write(JSON.stringify(result) + '\n')
