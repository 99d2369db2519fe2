import type { SessionInfo } from '../../../contract/schemas/auth';

/** An error answer of the API: its stable code and its message in the console's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
// Sent as Accept-Language, so the API's error messages come in the console's language.
let language = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

/** Called when any request finds the session gone, so the app can go back to the login page. */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export function setApiLanguage(lang: string) {
  language = lang;
}

export function rememberSession(info: SessionInfo | null) {
  csrfToken = info?.csrfToken ?? null;
}

/** A list answer whose schema the server writes inline ({ items: [...] }). */
export interface Items<T> {
  items: T[];
}

/** A list filter as a page's URL holds it: each field typed, or the text the URL gave (the API parses it). */
export type UrlQuery<T> = { [K in keyof T]?: T[K] | string };

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The one transport. Only the features' `api.ts` files (and the session) call it: they give each
 * path its request and answer types from the contract, so pages never assert an answer's type.
 */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': language };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = data?.error ?? { code: 'internal_error', message: res.statusText };
    if (res.status === 401 && err.code === 'unauthenticated' && path !== '/auth/me') onUnauthenticated?.();
    throw new ApiError(res.status, err.code, err.message, err.details);
  }
  return data as T;
}

/** A query string of the set values, for list filters and export links. */
export function queryString(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') q.set(key, String(value));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Uploads a file (multipart field `file`) with progress, as XHR does and fetch cannot. */
export function upload<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept-language', language);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, 'network', ''));
    xhr.onload = () => {
      let data: { error?: { code: string; message: string; details?: unknown[] } } | null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = data?.error ?? { code: 'internal_error', message: xhr.statusText };
      if (xhr.status === 401 && err.code === 'unauthenticated') onUnauthenticated?.();
      reject(new ApiError(xhr.status, err.code, err.message, err.details));
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}
