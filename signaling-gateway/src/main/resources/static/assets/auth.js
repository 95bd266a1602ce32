// Sign-in for the staff pages: OAuth2 authorization code with PKCE (S256) against the issuer that
// /ui-config names, as the public client switchboard-web. Tokens live in this tab's sessionStorage
// (docs/web-ui.md): they survive a reload, not the tab, and no other tab or site reads them.

const KEY = "switchboard.tokens";
const PENDING = "switchboard.pending-sign-in";
const REFRESH_BEFORE_MS = 60_000;
const listeners = new Set();
let configPromise;
let refreshTimer;

export function uiConfig() {
  configPromise ??= fetch("/ui-config").then(answer => {
    if (!answer.ok) throw new Error("The page's settings cannot be read (" + answer.status + ")");
    return answer.json();
  });
  return configPromise;
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomString(size = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The claims of a JWT, unverified: for display and timers only (the gateway verifies every request). */
export function claims(jwt) {
  const part = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
  return JSON.parse(decodeURIComponent(escape(atob(part))));
}

function stored() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "null");
  } catch {
    return null;
  }
}

function store(tokens) {
  const accessClaims = claims(tokens.access_token);
  const value = {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? null,
    idToken: tokens.id_token ?? stored()?.idToken ?? null,
    expiresAt: accessClaims.exp * 1000,
  };
  sessionStorage.setItem(KEY, JSON.stringify(value));
  schedule(value);
  listeners.forEach(listener => listener(value.accessToken));
  return value;
}

function schedule(value) {
  clearTimeout(refreshTimer);
  if (!value.refreshToken) return;
  const wait = Math.max(1000, value.expiresAt - Date.now() - REFRESH_BEFORE_MS);
  refreshTimer = setTimeout(() => refresh().catch(() => {}), wait);
}

async function tokenRequest(parameters) {
  const config = await uiConfig();
  const answer = await fetch(config.issuerUrl + "/oauth2/token", {
    method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded"},
    body: new URLSearchParams({client_id: config.clientId, ...parameters}),
  });
  const body = await answer.json().catch(() => ({}));
  if (!answer.ok) throw new Error(body.error_description || body.error || "The sign-in failed (" + answer.status + ")");
  return body;
}

/** Trades the refresh token for new tokens (each refresh token is good for one use). */
export async function refresh() {
  const current = stored();
  if (!current?.refreshToken) throw new Error("Not signed in");
  return store(await tokenRequest({grant_type: "refresh_token", refresh_token: current.refreshToken}));
}

/** Sends the browser to the issuer's login page; it comes back to /login/callback, then to this page. */
export async function signIn() {
  const config = await uiConfig();
  if (!config.issuerUrl) throw new Error("No token issuer is configured (switchboard.gateway.ui.issuer-url)");
  const verifier = randomString(48);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({verifier, state, returnTo: location.pathname + location.search}));
  const query = new URLSearchParams({
    response_type: "code", client_id: config.clientId, scope: config.scope, state,
    redirect_uri: location.origin + config.redirectPath, code_challenge: challenge, code_challenge_method: "S256",
  });
  location.assign(config.issuerUrl + "/oauth2/authorize?" + query);
}

/** On /login/callback: checks the state, trades the code, and returns where the sign-in began. */
export async function completeSignIn() {
  const config = await uiConfig();
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? "null");
  sessionStorage.removeItem(PENDING);
  if (query.get("error")) throw new Error(query.get("error_description") || query.get("error"));
  if (!pending || pending.state !== query.get("state")) throw new Error("This sign-in was not started here, or has already been used");
  store(await tokenRequest({
    grant_type: "authorization_code", code: query.get("code"),
    redirect_uri: location.origin + config.redirectPath, code_verifier: pending.verifier,
  }));
  return pending.returnTo || "/";
}

/** The signed-in user of this tab ({token, claims}), refreshing an expired access token; null when signed out. */
export async function currentUser() {
  let value = stored();
  if (!value) return null;
  if (value.expiresAt - Date.now() < 5000) {
    try {
      value = await refresh();
    } catch {
      sessionStorage.removeItem(KEY);
      return null;
    }
  } else {
    schedule(value);
  }
  return {token: value.accessToken, claims: claims(value.accessToken)};
}

export function accessToken() {
  return stored()?.accessToken ?? null;
}

/** Called with each new access token (after a refresh). */
export function onToken(listener) {
  listeners.add(listener);
}

export async function signOut() {
  const config = await uiConfig();
  const idToken = stored()?.idToken;
  sessionStorage.removeItem(KEY);
  clearTimeout(refreshTimer);
  if (config.issuerUrl && idToken) {
    const query = new URLSearchParams({id_token_hint: idToken, client_id: config.clientId,
      post_logout_redirect_uri: location.origin + "/"});
    location.assign(config.issuerUrl + "/connect/logout?" + query);
  } else {
    location.assign("/");
  }
}

export function hasRole(user, ...roles) {
  const held = user?.claims?.roles ?? [];
  return roles.some(role => held.includes(role));
}
