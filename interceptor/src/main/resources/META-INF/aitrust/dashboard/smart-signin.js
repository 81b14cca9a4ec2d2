'use strict';
// Signs the user in as SMART App Launch's standalone launch does: authorization code with PKCE, as a public client
// whose redirect URI is this page. The endpoints come from the FHIR server's .well-known/smart-configuration. The
// access token is kept for this browser tab only (sessionStorage) and sent as a bearer token; no cookie carries it.
window.AiTrustSignIn = (function () {
  const PENDING = 'aitrust.signin.pending';
  const TOKEN = 'aitrust.signin.token';

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  const pageAddress = () => location.origin + location.pathname;
  const absolute = (url) => new URL(url, location.href).href;

  async function discover(base) {
    const response = await fetch(base + '/.well-known/smart-configuration', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(`the server publishes no SMART configuration at ${base}/.well-known/smart-configuration (HTTP ${response.status})`);
    }
    return response.json();
  }

  async function signIn(base, clientId, scope) {
    if (!window.crypto || !crypto.subtle) {
      throw new Error('signing in needs the browser\'s Web Crypto, which browsers offer only over https or on localhost');
    }
    const configuration = await discover(base);
    const verifier = randomString();
    const state = randomString();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, tokenEndpoint: configuration.token_endpoint }));
    const query = new URLSearchParams({
      response_type: 'code', client_id: clientId, redirect_uri: pageAddress(), scope, state, aud: absolute(base),
      code_challenge: challenge, code_challenge_method: 'S256',
    });
    location.assign(configuration.authorization_endpoint + '?' + query);
    return new Promise(() => {}); // the page is leaving
  }

  async function redeem(answer, clientId) {
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', pageAddress());
    if (!pending || pending.state !== answer.get('state')) {
      throw new Error('the sign-in answer does not belong to a sign-in this page started; reload the page to sign in');
    }
    const response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code', code: answer.get('code'), redirect_uri: pageAddress(), client_id: clientId,
        code_verifier: pending.verifier,
      }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || !body.access_token) {
      throw new Error('the token endpoint refused the sign-in: ' + (body.error_description || body.error || response.status));
    }
    const token = { accessToken: body.access_token, expiresAt: Date.now() + 1000 * (body.expires_in || 300) };
    sessionStorage.setItem(TOKEN, JSON.stringify(token));
    return token.accessToken;
  }

  /** The access token to send; without a valid one, the page leaves to sign the user in and comes back. */
  async function accessToken(base, clientId, scope) {
    const answer = new URLSearchParams(location.search);
    if (answer.has('error')) {
      history.replaceState(null, '', pageAddress());
      throw new Error('sign-in failed: ' + (answer.get('error_description') || answer.get('error')));
    }
    if (answer.has('code')) {
      return redeem(answer, clientId);
    }
    const kept = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
    if (kept && kept.expiresAt > Date.now() + 10000) {
      return kept.accessToken;
    }
    return signIn(base, clientId, scope);
  }

  /** Forgets a token the server refused, so the next request signs in again. */
  function forget() {
    sessionStorage.removeItem(TOKEN);
  }

  return { accessToken, forget };
}());
