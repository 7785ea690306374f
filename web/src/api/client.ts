import { type ClientResponse, hc } from "hono/client";
import type { ResponseFormat } from "hono/types";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { ApiApp } from "../../../functions/api/app.ts";
import { authClient } from "../platform/auth-client.ts";
import { functionsBaseUrl } from "../platform/config.ts";
import type { ApiErrorCode } from "./types.ts";

/**
 * A refusal from the API: decide on its `code` (the API's published codes, or `network` when the API could not
 * be reached, or `http_<status>` for a reply without a body); its `message` is written to be shown to people.
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | "network" | `http_${number}`,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

const FALLBACK_MESSAGE = "Something went wrong on our side. Please try again in a moment.";
const OFFLINE_MESSAGE = "We couldn't reach Ultaura. Check your connection and try again.";

/** Every request carries the signed-in user's current token (the auth client refreshes it). */
const authedFetch: typeof fetch = async (input, init) => {
  const { data } = await authClient.getSession();
  const headers = new Headers(init?.headers);
  headers.set("accept", "application/json");
  if (data.session) headers.set("authorization", `Bearer ${data.session.access_token}`);
  try {
    return await fetch(input, { ...init, headers });
  } catch {
    throw new ApiError(0, "network", OFFLINE_MESSAGE);
  }
};

const root = hc<ApiApp>(functionsBaseUrl, { fetch: authedFetch });
/**
 * functions/api through Hono's typed client: paths, parameters, bodies and answers are checked against
 * the API's own route definitions, so a renamed route or field is a type error here.
 */
export const client = root.api as NonNullable<typeof root.api>;

type Success<R> =
  R extends ClientResponse<infer T, infer S, ResponseFormat>
    ? S extends SuccessStatusCode
      ? T
      : never
    : never;

/** Awaits a typed request: its success body, or an ApiError with the API's own message. */
export async function requestApi<R extends ClientResponse<unknown, number, ResponseFormat>>(
  request: Promise<R>,
): Promise<Success<R>> {
  return (await parse(await request)) as Success<R>;
}

async function parse(response: { ok: boolean; status: number; headers: Headers; text(): Promise<string> }) {
  const text = await response.text();
  const json = text ? safeJson(text) : null;
  if (!response.ok) {
    const error = (json as { error?: { code?: ApiErrorCode; message?: string } } | null)?.error;
    const retryAfter = Number(response.headers.get("retry-after") ?? Number.NaN);
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? FALLBACK_MESSAGE,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
    );
  }
  return json;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return FALLBACK_MESSAGE;
}
