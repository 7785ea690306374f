import { parseTwiml, TwimlError, type TwimlVerb } from "../twiml/verbs.ts";
import type { TwimlRecord, TwimlSource } from "./summary.ts";
import { sendWebhook, type WebhookOutcome } from "./webhook.ts";

/** Where the next TwiML document comes from. */
export type DocumentSource =
  | {
      kind: "url";
      source: TwimlSource;
      url: string;
      method: "GET" | "POST";
      fallbackUrl?: string;
      fallbackMethod?: "GET" | "POST";
    }
  | { kind: "twiml"; source: TwimlSource; twiml: string };

export interface LoadedDocument {
  verbs: TwimlVerb[];
  /** Base for relative URLs in the document. */
  url: string | null;
  /** True when nothing usable came back and Twilio's own "application error" message is played. */
  applicationError: boolean;
}

export interface DocumentLoaderDeps {
  authToken: string;
  timeoutMs: number;
  /** The call's standard webhook parameters at this moment. */
  params: () => Record<string, string>;
  onWebhook: (outcome: WebhookOutcome) => void;
  onTwiml: (record: TwimlRecord) => void;
}

const APPLICATION_ERROR: TwimlVerb[] = [
  { verb: "Say", text: "We are sorry, an application error has occurred. Goodbye.", loop: 1 },
  { verb: "Hangup" },
];

/**
 * Fetches and parses a TwiML document as Twilio does: on a failed request (no connection, timeout, non-2xx)
 * or a document that is not valid TwiML, the fallback URL is requested with `ErrorCode` and `ErrorUrl`;
 * when that fails too the caller hears the application-error message.
 */
export async function loadDocument(
  source: DocumentSource,
  deps: DocumentLoaderDeps,
): Promise<LoadedDocument> {
  if (source.kind === "twiml") {
    const parsed = parse(source.twiml, source.source, null, deps);
    return "verbs" in parsed
      ? { verbs: parsed.verbs, url: null, applicationError: false }
      : applicationError();
  }
  const primary = await fetchDocument(source.url, source.method, source.source, {}, deps);
  if ("verbs" in primary) return primary;
  if (source.fallbackUrl) {
    const extra = { ErrorCode: String(primary.errorCode), ErrorUrl: source.url };
    const method = source.fallbackMethod ?? "POST";
    const fallback = await fetchDocument(source.fallbackUrl, method, "fallback-url", extra, deps);
    if ("verbs" in fallback) return fallback;
  }
  return applicationError();
}

/** Resolves a URL from a TwiML document against the document's own URL. */
export function resolveUrl(url: string, base: string | null): string {
  return base ? new URL(url, base).toString() : url;
}

async function fetchDocument(
  url: string,
  method: "GET" | "POST",
  source: TwimlSource,
  extra: Record<string, string>,
  deps: DocumentLoaderDeps,
): Promise<LoadedDocument | { errorCode: number }> {
  const outcome = await sendWebhook(
    { url, method, params: { ...deps.params(), ...extra } },
    deps.authToken,
    deps.timeoutMs,
  );
  deps.onWebhook(outcome);
  if (outcome.errorCode !== null) {
    deps.onTwiml({ source, url, body: outcome.body, error: `${outcome.errorCode}: ${outcome.error}` });
    return { errorCode: outcome.errorCode };
  }
  const parsed = parse(outcome.body, source, url, deps);
  return "verbs" in parsed ? { verbs: parsed.verbs, url, applicationError: false } : parsed;
}

function parse(
  body: string,
  source: TwimlSource,
  url: string | null,
  deps: DocumentLoaderDeps,
): { verbs: TwimlVerb[] } | { errorCode: number } {
  try {
    const verbs = parseTwiml(body);
    deps.onTwiml({ source, url, body, error: null });
    return { verbs };
  } catch (error) {
    if (!(error instanceof TwimlError)) throw error;
    deps.onTwiml({ source, url, body, error: `${error.code}: ${error.message}` });
    return { errorCode: error.code };
  }
}

function applicationError(): LoadedDocument {
  return { verbs: APPLICATION_ERROR, url: null, applicationError: true };
}
