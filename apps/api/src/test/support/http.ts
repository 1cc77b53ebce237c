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
