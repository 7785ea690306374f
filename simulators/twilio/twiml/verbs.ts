import { parseXml, type XmlElement, XmlError, type XmlNode } from "./xml.ts";

/**
 * TwiML voice verbs the simulated carrier follows. Anything else is refused the way Twilio refuses it:
 * 12100 for a document that is not XML, 12200 for XML that is not valid TwiML (the call then goes to the
 * fallback URL, or ends with an application error).
 */

export interface StreamNoun {
  url: string;
  name?: string;
  parameters: Record<string, string>;
}

export type TwimlVerb =
  | { verb: "Say"; text: string; voice?: string; language?: string; loop: number }
  | { verb: "Pause"; length: number }
  | { verb: "Hangup" }
  | { verb: "Reject"; reason: "rejected" | "busy" }
  | { verb: "Redirect"; url: string; method: "GET" | "POST" }
  | { verb: "Connect"; stream: StreamNoun; action?: string; method: "GET" | "POST" };

export class TwimlError extends Error {
  constructor(
    readonly code: 12100 | 12200,
    message: string,
  ) {
    super(message);
    this.name = "TwimlError";
  }
}

/** Twilio treats loop="0" as "until the call ends"; the simulator caps that. */
export const INFINITE_SAY_LOOPS = 1000;

export function parseTwiml(xml: string): TwimlVerb[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlError) throw new TwimlError(12100, `Document parse failure: ${error.message}`);
    throw error;
  }
  if (root.name !== "Response")
    throw new TwimlError(12200, `root element must be <Response>, got <${root.name}>`);
  return elementsOf(root).map(toVerb);
}

function toVerb(el: XmlElement): TwimlVerb {
  switch (el.name) {
    case "Say": {
      const loop = integerAttr(el, "loop", 1);
      return {
        verb: "Say",
        text: textOf(el).replace(/\s+/g, " ").trim(),
        ...optional("voice", el.attributes.voice),
        ...optional("language", el.attributes.language),
        loop: loop === 0 ? INFINITE_SAY_LOOPS : loop,
      };
    }
    case "Pause":
      return { verb: "Pause", length: integerAttr(el, "length", 1) };
    case "Hangup":
      return { verb: "Hangup" };
    case "Reject":
      return { verb: "Reject", reason: el.attributes.reason === "busy" ? "busy" : "rejected" };
    case "Redirect": {
      const url = textOf(el).trim();
      if (url === "") throw new TwimlError(12200, "<Redirect> needs a URL");
      return { verb: "Redirect", url, method: methodAttr(el) };
    }
    case "Connect":
      return {
        verb: "Connect",
        stream: streamOf(el),
        ...optional("action", el.attributes.action),
        method: methodAttr(el),
      };
    default:
      throw new TwimlError(12200, `<${el.name}> is not a supported TwiML verb`);
  }
}

function streamOf(connect: XmlElement): StreamNoun {
  const nouns = elementsOf(connect);
  const stream = nouns[0];
  if (nouns.length !== 1 || stream?.name !== "Stream") {
    throw new TwimlError(12200, "<Connect> must hold exactly one <Stream>");
  }
  const url = stream.attributes.url ?? "";
  if (!/^wss?:\/\/[^/?#]+/.test(url))
    throw new TwimlError(12200, `<Stream url> must be ws:// or wss://, got "${url}"`);
  if (url.includes("?"))
    throw new TwimlError(12200, "<Stream url> must not carry a query string; use <Parameter>");
  const parameters: Record<string, string> = {};
  for (const child of elementsOf(stream)) {
    const { name, value } = child.attributes;
    if (child.name !== "Parameter" || name === undefined || value === undefined) {
      throw new TwimlError(12200, "<Stream> may only hold <Parameter name=… value=…/>");
    }
    parameters[name] = value;
  }
  return { url, ...optional("name", stream.attributes.name), parameters };
}

function elementsOf(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of el.children) {
    if (child.kind === "element") out.push(child);
    else if (child.text.trim() !== "") throw new TwimlError(12200, `unexpected text inside <${el.name}>`);
  }
  return out;
}

/** Text of an element including SSML children such as <break/> or <prosody>. */
function textOf(node: XmlNode): string {
  if (node.kind === "text") return node.text;
  return node.children.map(textOf).join(" ");
}

function integerAttr(el: XmlElement, name: string, fallback: number): number {
  const raw = el.attributes[name];
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new TwimlError(12200, `<${el.name} ${name}> must be a whole number`);
  return Number(raw);
}

function methodAttr(el: XmlElement): "GET" | "POST" {
  const raw = (el.attributes.method ?? "POST").toUpperCase();
  if (raw !== "GET" && raw !== "POST") throw new TwimlError(12200, `<${el.name} method> must be GET or POST`);
  return raw;
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}
