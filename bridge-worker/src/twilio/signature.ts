/**
 * Twilio's request signature (`X-Twilio-Signature`): base64 of HMAC-SHA1 with the account's auth token over
 * the exact URL Twilio called followed by every POST parameter's name and value in name order. Twilio
 * signs a media-stream WebSocket upgrade too, over the `wss://` URL from the TwiML and no parameters.
 * WebCrypto only (workerd has no `twilio` package); tests check it against the package's own helper.
 */
const encoder = new TextEncoder();

function signedText(url: string, params: Record<string, string>): string {
  let text = url;
  for (const name of Object.keys(params).sort()) text += name + params[name];
  return text;
}

function hmacSha1Key(authToken: string, usage: "sign" | "verify") {
  return crypto.subtle.importKey("raw", encoder.encode(authToken), { name: "HMAC", hash: "SHA-1" }, false, [
    usage,
  ]);
}

export async function twilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string> = {},
): Promise<string> {
  const mac = await crypto.subtle.sign(
    "HMAC",
    await hmacSha1Key(authToken, "sign"),
    encoder.encode(signedText(url, params)),
  );
  let binary = "";
  for (const byte of new Uint8Array(mac)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]{27}=$/.test(text)) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Constant-time check (WebCrypto's verify) of a signature over `url` and `params`. */
export async function verifyTwilioSignature(
  authToken: string,
  url: string,
  signature: string | null | undefined,
  params: Record<string, string> = {},
): Promise<boolean> {
  const mac = fromBase64(signature ?? "");
  if (!mac) return false;
  return crypto.subtle.verify(
    "HMAC",
    await hmacSha1Key(authToken, "verify"),
    mac,
    encoder.encode(signedText(url, params)),
  );
}
