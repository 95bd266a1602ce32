// REST calls with the signed-in user's token; errors become ApiError with the body's message.
import {accessToken} from "./auth.js";

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || body?.error_description || body?.error || "Request failed with status " + status);
    this.status = status;
    this.body = body;
  }
}

/** fetch(path) with JSON in and out; {base} for another origin (the issuer), {token} to override the tab's. */
export async function api(path, {method = "GET", body, base = "", token = accessToken()} = {}) {
  const headers = {};
  if (token) headers.Authorization = "Bearer " + token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const answer = await fetch(base + path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
  const text = await answer.text();
  let parsed = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = {message: text};
    }
  }
  if (!answer.ok) throw new ApiError(answer.status, parsed);
  return parsed;
}
