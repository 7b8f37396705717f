import { HttpResponse, http } from 'msw';

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly body: string;
  readonly headers: Headers;
}

/** One scripted answer: a status, a JSON-able or text body, headers; or a network error. */
export type Answer =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Record<string, string> }
  | 'network-error';

/** An msw handler that answers `answers` in order (the last one repeats) and records every request. */
export function script(url: string, answers: readonly Answer[]) {
  const requests: Recorded[] = [];
  const handler = http.all(url, async ({ request }) => {
    requests.push({ method: request.method, url: request.url, body: await request.text(), headers: request.headers });
    const a = answers[Math.min(requests.length - 1, answers.length - 1)]!;
    if (a === 'network-error') return HttpResponse.error();
    const headers = new Headers(a.headers);
    let body: string | null = null;
    if (typeof a.body === 'string') body = a.body;
    else if (a.body !== undefined) {
      body = JSON.stringify(a.body);
      if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    }
    return new HttpResponse(body, { status: a.status, headers });
  });
  return { handler, requests };
}
