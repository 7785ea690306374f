import { apiBaseUrl } from "../app/config.ts";
import { supabase } from "../app/supabase.ts";

/** A refusal from the API, carrying its `error.message`, which is written to be shown to people. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const FALLBACK_MESSAGE = "Something went wrong on our side. Please try again in a moment.";
const OFFLINE_MESSAGE = "We couldn't reach Ultaura. Check your connection and try again.";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** Calls functions/api with the signed-in user's token and turns every failure into an ApiError. */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const { data } = await supabase.auth.getSession();
  const headers: Record<string, string> = { accept: "application/json" };
  if (data.session) headers.authorization = `Bearer ${data.session.access_token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(`${apiBaseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", OFFLINE_MESSAGE);
  }
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string } } | null)?.error;
    const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? FALLBACK_MESSAGE,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string) => apiRequest<T>("GET", path),
  post: <T>(path: string, body?: unknown) => apiRequest<T>("POST", path, body ?? {}),
  patch: <T>(path: string, body: unknown) => apiRequest<T>("PATCH", path, body),
  delete: <T>(path: string) => apiRequest<T>("DELETE", path),
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return FALLBACK_MESSAGE;
}
