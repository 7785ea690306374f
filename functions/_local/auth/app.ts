import { Hono } from "hono";
import { z } from "zod";
import { createJwtVerifier } from "../../_shared/platform/auth/verify-jwt.ts";
import type { Sql } from "../../_shared/platform/db.ts";
import type { Logger } from "../../_shared/platform/log.ts";
import { createLinkSender, type Mailer, redirectAllowList, spendEmailLink } from "./email-links.ts";
import { apiKeyRole, authError as fail, gateway } from "./gateway.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { createSessions } from "./sessions.ts";
import {
  createUser,
  endSessions,
  findUserByEmail,
  findUserById,
  rotateRefreshToken,
  setPassword,
} from "./store.ts";
import { hashRefreshToken, newRefreshToken, type TokenSettings, userJson } from "./tokens.ts";
import { standInUser, type UserRow } from "./user-row.ts";

/**
 * The part of Supabase Auth's REST API (GoTrue) that supabase-js uses, for local development and tests:
 * sign-up (with e-mail confirmation on: no session, a confirmation e-mail; off: a session at once),
 * password and refresh-token grants, the current user and its password (`PUT /user`), password recovery
 * (`/recover`), the e-mailed links (`GET /verify`, which redirects with the session in the fragment, as
 * GoTrue's implicit flow does), sign-out. Errors use GoTrue's 2024-01-01 shape `{code, message}` with the version header auth-js needs
 * to read `code`. Requests need the project's API key (`apikey`), as on Supabase. Never deployed.
 */
export interface LocalAuthOptions {
  sql: Sql;
  log: Logger;
  jwtSecret: string;
  /** e.g. http://127.0.0.1:54321 — the issuer is `<apiUrl>/auth/v1`. */
  apiUrl: string;
  allowedOrigins: readonly string[];
  accessTokenSeconds?: number;
  now?: () => Date;
  /** Sign-up needs the e-mailed link before the first sign-in (Supabase's production default). */
  confirmEmail?: boolean;
  /** Where the e-mails go (the local mail catcher). */
  mailer?: Mailer;
  /** Where links lead when a request names no allowed `redirect_to` (GoTrue's SITE_URL). */
  siteUrl?: string;
}

const MIN_PASSWORD_LENGTH = 6;
const weakPassword = () =>
  fail(422, "weak_password", `Password should be at least ${MIN_PASSWORD_LENGTH} characters.`, {
    weak_password: { reasons: ["length"] },
  });

const signUpBody = z.object({
  email: z.email(),
  password: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
const passwordGrant = z.object({ email: z.string(), password: z.string() });
const recoverBody = z.object({ email: z.email() });
const userUpdate = z.object({
  password: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
const refreshGrant = z.object({ refresh_token: z.string().min(1) });

export function createLocalAuthApp(options: LocalAuthOptions) {
  const { sql, log } = options;
  const now = options.now ?? (() => new Date());
  const settings: TokenSettings = {
    secret: options.jwtSecret,
    issuer: `${options.apiUrl}/auth/v1`,
    expiresIn: options.accessTokenSeconds ?? 3600,
  };
  const sessions = createSessions(sql, settings, now, createJwtVerifier({ secret: options.jwtSecret }));
  const secretKey = new TextEncoder().encode(options.jwtSecret);
  const allowed = new Set(options.allowedOrigins);
  /** GoTrue's redirect allow-list: a `redirect_to` on an allowed origin, otherwise the site URL. */
  const redirectFor = redirectAllowList(
    allowed,
    options.siteUrl ?? options.allowedOrigins[0] ?? options.apiUrl,
  );
  const sendLink = createLinkSender(sql, log, options);
  const settingsState = { confirmEmail: options.confirmEmail ?? false };
  const app = new Hono().basePath("/auth/v1");
  app.use(...gateway(allowed, secretKey));

  const readJson = async (request: Request): Promise<unknown> => request.json().catch(() => undefined);

  app.post("/signup", async (c) => {
    const parsed = signUpBody.safeParse(await readJson(c.req.raw));
    if (!parsed.success)
      return fail(400, "validation_failed", "Unable to validate email address: invalid format");
    const { email, password, data } = parsed.data;
    if (password.length < MIN_PASSWORD_LENGTH) return weakPassword();
    const confirm = settingsState.confirmEmail;
    const user = await createUser(sql, email, await hashPassword(password), data ?? {}, !confirm);
    if (!user && !confirm) return fail(422, "user_already_exists", "User already registered");
    if (!user) {
      // As GoTrue with confirmation on: no hint whether the address has an account; an unconfirmed one
      // gets its confirmation e-mail again.
      const existing = await findUserByEmail(sql, email);
      if (existing && !existing.email_confirmed_at) {
        await sendLink(existing, "signup", redirectFor(c.req.query("redirect_to")));
      }
      // A stand-in user: nothing of the existing account (id, metadata, dates) is revealed.
      return c.json({ ...userJson(standInUser(email, now())), identities: [] }, 200);
    }
    log.info("local auth: signed up", { userId: user.id, confirmation: confirm });
    if (!confirm) return c.json(await sessions.start(user), 200);
    await sendLink(user, "signup", redirectFor(c.req.query("redirect_to")));
    return c.json({ ...userJson(user), confirmation_sent_at: now().toISOString() }, 200);
  });

  app.get("/settings", (c) =>
    c.json({
      external: { email: true, phone: false },
      disable_signup: false,
      mailer_autoconfirm: !settingsState.confirmEmail,
    }),
  );

  // Local only, with the service key: turn e-mail confirmation on or off (Supabase's `enable_confirmations`).
  app.put("/_local/settings", async (c) => {
    if ((await apiKeyRole(c.req.header("apikey") ?? "", secretKey)) !== "service_role")
      return fail(403, "not_admin", "User not allowed");
    const parsed = z.object({ mailer_autoconfirm: z.boolean() }).safeParse(await readJson(c.req.raw));
    if (!parsed.success) return fail(400, "validation_failed", "mailer_autoconfirm must be true or false");
    settingsState.confirmEmail = !parsed.data.mailer_autoconfirm;
    return c.json({ mailer_autoconfirm: parsed.data.mailer_autoconfirm }, 200);
  });

  app.post("/recover", async (c) => {
    const parsed = recoverBody.safeParse(await readJson(c.req.raw));
    if (!parsed.success)
      return fail(400, "validation_failed", "Unable to validate email address: invalid format");
    const user = await findUserByEmail(sql, parsed.data.email);
    // The same answer whether or not the address has an account.
    if (user) await sendLink(user, "recovery", redirectFor(c.req.query("redirect_to")));
    return c.json({}, 200);
  });

  app.get("/verify", async (c) => {
    const type = c.req.query("type");
    const token = c.req.query("token") ?? "";
    const fallback = redirectFor(c.req.query("redirect_to"));
    const failed = (to: string) =>
      c.redirect(
        `${to}#error=access_denied&error_code=otp_expired&error_description=${encodeURIComponent("Email link is invalid or has expired")}`,
        303,
      );
    if (type !== "signup" && type !== "recovery") return failed(fallback);
    const spent = await spendEmailLink(sql, token, type);
    if (!spent.ok) return failed(spent.redirectTo ?? fallback);
    const user = await findUserById(sql, spent.userId);
    if (!user) return failed(spent.redirectTo);
    const started = await sessions.start(user);
    const fragment = new URLSearchParams({
      access_token: started.access_token,
      expires_at: String(started.expires_at),
      expires_in: String(started.expires_in),
      refresh_token: started.refresh_token,
      token_type: "bearer",
      type,
    });
    log.info("local auth: e-mail link used", { userId: user.id, type });
    return c.redirect(`${spent.redirectTo}#${fragment}`, 303);
  });

  app.post("/token", async (c) => {
    const grant = c.req.query("grant_type");
    const body = await readJson(c.req.raw);
    if (grant === "password") {
      const parsed = passwordGrant.safeParse(body);
      const user = parsed.success ? await findUserByEmail(sql, parsed.data.email) : undefined;
      const ok =
        parsed.success && user ? await verifyPassword(parsed.data.password, user.encrypted_password) : false;
      if (!user || !ok) return fail(400, "invalid_credentials", "Invalid login credentials");
      if (!user.email_confirmed_at) return fail(400, "email_not_confirmed", "Email not confirmed");
      return c.json(await sessions.start(user), 200);
    }
    if (grant === "refresh_token") {
      const parsed = refreshGrant.safeParse(body);
      if (!parsed.success)
        return fail(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
      const next = newRefreshToken();
      const rotated = await rotateRefreshToken(
        sql,
        await hashRefreshToken(parsed.data.refresh_token),
        await hashRefreshToken(next),
      );
      if (!rotated.ok) {
        return rotated.reason === "already_used"
          ? fail(400, "refresh_token_already_used", "Invalid Refresh Token: Already Used")
          : fail(400, "refresh_token_not_found", "Invalid Refresh Token: Refresh Token Not Found");
      }
      const user = await findUserById(sql, rotated.userId);
      if (!user) return fail(403, "user_not_found", "User from sub claim in JWT does not exist");
      return c.json(await sessions.session(user, rotated.sessionId, next), 200);
    }
    return fail(400, "validation_failed", "unsupported_grant_type");
  });

  app.get("/user", async (c) => {
    const result = await sessions.bearer(c.req.header("authorization"));
    if ("error" in result) return result.error;
    const user = await findUserById(sql, result.claims.sub);
    if (!user) return fail(403, "user_not_found", "User from sub claim in JWT does not exist");
    return c.json(userJson(user), 200);
  });

  app.put("/user", async (c) => {
    const result = await sessions.bearer(c.req.header("authorization"));
    if ("error" in result) return result.error;
    const parsed = userUpdate.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return fail(400, "validation_failed", "Could not parse request body as JSON");
    const user = await findUserById(sql, result.claims.sub);
    if (!user) return fail(403, "user_not_found", "User from sub claim in JWT does not exist");
    const { password } = parsed.data;
    if (password !== undefined) {
      if (password.length < MIN_PASSWORD_LENGTH) return weakPassword();
      if (user.encrypted_password && (await verifyPassword(password, user.encrypted_password))) {
        return fail(422, "same_password", "New password should be different from the old password.");
      }
      await setPassword(sql, user.id, await hashPassword(password));
      log.info("local auth: password changed", { userId: user.id });
    }
    return c.json(userJson((await findUserById(sql, user.id)) as UserRow), 200);
  });

  app.post("/logout", async (c) => {
    const result = await sessions.bearer(c.req.header("authorization"));
    if ("error" in result) return result.error;
    const scope = c.req.query("scope") ?? "global";
    if (scope !== "global" && scope !== "local" && scope !== "others") {
      return fail(400, "validation_failed", "Unsupported logout scope");
    }
    await endSessions(sql, result.claims.sub, result.sessionId, scope);
    return c.body(null, 204);
  });

  app.notFound(() => fail(404, "not_found", "Not found"));
  app.onError((error) => {
    log.error("local auth: unhandled error", { errorName: error.name, errorMessage: error.message });
    return Response.json({ code: "unexpected_failure", message: "Unexpected failure" }, { status: 500 });
  });
  return app;
}
