// Sign-in: the console is a public OAuth client of this server ("tollgate-console"), authorization code with PKCE
// S256 (RFC 7636) through the server's own login page. The tokens live in this module's variables only: never in
// localStorage, sessionStorage or a cookie, so a reload signs in again (through the server's login cookie, without
// a password while that lasts). Only the one-time PKCE verifier and state cross the redirect, in sessionStorage,
// and are removed when the browser comes back.

export const CLIENT_ID = 'tollgate-console';
/** This page without query or fragment: the client's registered redirect URI, <issuer>/console/. */
export const redirectUri = new URL('.', window.location.href).href;
/** The issuer: the console lives at <issuer>/console/. */
export const issuer = new URL('..', redirectUri).href.replace(/\/$/, '');

const FLOW_KEY = 'tollgate-console-flow';
const REFRESH_MARGIN_SECONDS = 60;

let tokens = null; // {accessToken, refreshToken, expiresAt (ms)}
let refreshing = null;
let refreshTimer = null;
const endedListeners = [];

/** Whether the browser can do PKCE S256 here (Web Crypto needs HTTPS, or localhost). */
export function supported() {
  return Boolean(window.crypto && window.crypto.subtle && window.isSecureContext);
}

/** Sends the browser to the authorization endpoint; `returnTo` is the console route to come back to. */
export async function signIn(returnTo) {
  const verifier = randomText(32);
  const state = randomText(16);
  const challenge = base64url(new Uint8Array(
    await window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  window.sessionStorage.setItem(FLOW_KEY, JSON.stringify({state, verifier, returnTo: returnTo || ''}));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  window.location.assign(`${issuer}/oauth2/authorize?${params}`);
}

/**
 * Completes the flow from the authorization response in this page's query (RFC 6749 §4.1.2, RFC 9207 `iss`):
 * returns the console route to show. Throws an Error whose message is for the user.
 */
export async function completeSignIn(params) {
  const saved = window.sessionStorage.getItem(FLOW_KEY);
  window.sessionStorage.removeItem(FLOW_KEY);
  window.history.replaceState(null, '', redirectUri);
  const flow = saved ? JSON.parse(saved) : null;
  if (!flow || params.get('state') !== flow.state) {
    throw new Error('This sign-in was not started here, or has already been used.');
  }
  if (params.has('iss') && params.get('iss') !== issuer) {
    throw new Error('The sign-in answer came from another issuer.');
  }
  if (params.has('error')) {
    throw new Error(params.get('error') === 'access_denied' ? 'Sign-in was cancelled.'
      : `Sign-in failed (${params.get('error')}).`);
  }
  const response = await tokenRequest({
    grant_type: 'authorization_code',
    code: params.get('code') || '',
    redirect_uri: redirectUri,
    client_id: CLIENT_ID,
    code_verifier: flow.verifier,
  });
  if (!response) {
    throw new Error('The server did not accept the sign-in.');
  }
  keep(response);
  return flow.returnTo;
}

/** The current access token, refreshed first when it is about to expire; null when signed out. */
export async function accessToken() {
  if (tokens && Date.now() > tokens.expiresAt - REFRESH_MARGIN_SECONDS * 1000) {
    await refresh();
  }
  return tokens ? tokens.accessToken : null;
}

/** Refreshes the tokens once (concurrent callers share the request): true when there is a new access token. */
export function refresh() {
  if (!tokens || !tokens.refreshToken) {
    return Promise.resolve(false);
  }
  if (!refreshing) {
    const presented = tokens.refreshToken;
    refreshing = tokenRequest({grant_type: 'refresh_token', refresh_token: presented, client_id: CLIENT_ID})
      .then(response => {
        if (response && tokens && tokens.refreshToken === presented) {
          keep(response);
          return true;
        }
        return false;
      })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** Signs out: revokes the refresh token (RFC 7009, which also ends its access tokens) and forgets everything. */
export async function signOut() {
  const held = tokens;
  forget();
  if (held && held.refreshToken) {
    try {
      await fetch(`${issuer}/oauth2/revoke`, {
        method: 'POST',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'},
        body: new URLSearchParams({token: held.refreshToken, token_type_hint: 'refresh_token', client_id: CLIENT_ID}),
        credentials: 'omit',
      });
    } catch (e) {
      // The tokens are forgotten either way; the refresh token expires on its own.
    }
  }
  try {
    // Ends the server's login cookie, so that the next sign-in asks for the password again.
    await fetch(`${issuer}/oauth2/logout`, {method: 'POST', credentials: 'same-origin'});
  } catch (e) {
    // Without the endpoint the login cookie lasts its lifetime.
  }
}

/** The session is over (a refused token that no refresh could replace): forget it and tell the page. */
export function ended(message) {
  if (!tokens) {
    return;
  }
  forget();
  endedListeners.forEach(listener => listener(message));
}

export function onEnded(listener) {
  endedListeners.push(listener);
}

export function signedIn() {
  return tokens !== null;
}

function keep(response) {
  tokens = {
    accessToken: response.access_token,
    refreshToken: response.refresh_token || (tokens && tokens.refreshToken) || null,
    expiresAt: Date.now() + (Number(response.expires_in) || 300) * 1000,
  };
  clearTimeout(refreshTimer);
  const delay = Math.max(5, (Number(response.expires_in) || 300) - REFRESH_MARGIN_SECONDS) * 1000;
  refreshTimer = setTimeout(async () => {
    if (!await refresh()) {
      ended('Your session has ended.');
    }
  }, delay);
}

function forget() {
  tokens = null;
  clearTimeout(refreshTimer);
  refreshTimer = null;
}

/** POST to the token endpoint; the parsed token response, or null for any error answer. */
async function tokenRequest(form) {
  const response = await fetch(`${issuer}/oauth2/token`, {
    method: 'POST',
    headers: {'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json'},
    body: new URLSearchParams(form),
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) {
    return null;
  }
  return response.json();
}

function randomText(bytes) {
  return base64url(window.crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes) {
  let binary = '';
  bytes.forEach(b => { binary += String.fromCharCode(b); });
  return window.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
