import { request as httpRequest } from 'node:http';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request to the API under test whose answer is read as JSON (every API answer is, errors included). */
export async function requestJson<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers };
  let body: string | undefined = init.rawBody;
  if (init.body !== undefined) {
    body = JSON.stringify(init.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`Expected JSON from ${init.method ?? 'GET'} ${url} (HTTP ${response.status}), got: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: parsed as T };
}

export const postJson = <T = Record<string, unknown>>(url: string, body: unknown, headers?: Record<string, string>) =>
  requestJson<T>(url, { method: 'POST', body, headers });

/** A request with any method, TRACE included (fetch refuses some), read as text: for answers to methods a path does not serve. */
export function requestWithMethod(
  url: string,
  method: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: { accept: 'application/json', ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, String(value)])),
          text,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}
