/**
 * Password hashing for the local stand-in of Supabase Auth: PBKDF2-HMAC-SHA256 through WebCrypto (the same
 * code on Deno and Node, no native module), 600,000 iterations (OWASP's figure for this hash), a 16-byte
 * random salt per password. Stored self-describing in `auth.users.encrypted_password` as
 * `$pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`, so the cost can rise without breaking old rows.
 * (Supabase's GoTrue stores bcrypt there; these rows are local-only and never meet GoTrue.)
 */

const ITERATIONS = 600_000;
const PREFIX = "$pbkdf2-sha256$";

export async function hashPassword(password: string, iterations = ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `${PREFIX}${iterations}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** True when `password` matches `stored`; false for any malformed or foreign hash. Constant-time compare. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored?.startsWith(PREFIX)) return false;
  const [iterationsText, saltText, hashText] = stored.slice(PREFIX.length).split("$");
  const iterations = Number(iterationsText);
  if (!Number.isInteger(iterations) || iterations < 1 || !saltText || !hashText) return false;
  const expected = fromBase64(hashText);
  const actual = await derive(password, fromBase64(saltText), iterations);
  if (actual.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < actual.length; i++) difference |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return difference === 0;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
