// The server's HTTP API, called with the signed-in user's access token. A 401 refreshes the token once and
// repeats the call; if that fails too, the session has ended.
import * as session from './session.js';

/** An error answer: the HTTP status and the parsed problem+json (or OAuth error JSON) body. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function get(path) {
  return call('GET', path);
}

export async function post(path, body) {
  return call('POST', path, body);
}

export async function put(path, body) {
  return call('PUT', path, body);
}

export async function del(path) {
  return call('DELETE', path);
}

async function call(method, path, body) {
  let response = await send(method, path, body, await session.accessToken());
  if (response.status === 401 && await session.refresh()) {
    response = await send(method, path, body, await session.accessToken());
  }
  if (response.status === 401) {
    session.ended('Your session has ended.');
    throw new ApiError(401, await parse(response));
  }
  const parsed = await parse(response);
  if (!response.ok) {
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

function send(method, path, body, token) {
  const headers = {Accept: 'application/json'};
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const init = {method, headers, credentials: 'omit', cache: 'no-store'};
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  return fetch(session.issuer + path, init);
}

async function parse(response) {
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      return await response.json();
    } catch (e) {
      return {};
    }
  }
  return {};
}

/** A query string of the non-empty values. */
export function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value !== null && value !== undefined && value !== '') {
      params.set(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
