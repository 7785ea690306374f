import type { JwtVerifier } from "../../_shared/platform/auth/verify-jwt.ts";
import type { Sql } from "../../_shared/platform/db.ts";
import { authError } from "./gateway.ts";
import { createSession, sessionExists } from "./store.ts";
import {
  hashRefreshToken,
  newRefreshToken,
  signAccessToken,
  type TokenSettings,
  userJson,
} from "./tokens.ts";
import type { UserRow } from "./user-row.ts";

/**
 * GoTrue's sessions: the body a grant answers with (access token, refresh token, the user), a new session
 * for a user, and the bearer check of the user endpoints (a valid access token of a session not ended).
 */
export function createSessions(
  sql: Sql,
  settings: TokenSettings,
  now: () => Date,
  verifyUserToken: JwtVerifier,
) {
  const session = async (user: UserRow, sessionId: string, refreshToken: string) => {
    const nowSeconds = Math.floor(now().getTime() / 1000);
    return {
      access_token: await signAccessToken(settings, user, sessionId, nowSeconds),
      token_type: "bearer",
      expires_in: settings.expiresIn,
      expires_at: nowSeconds + settings.expiresIn,
      refresh_token: refreshToken,
      user: userJson(user),
    };
  };

  const start = async (user: UserRow) => {
    const refreshToken = newRefreshToken();
    const sessionId = await createSession(sql, user.id, await hashRefreshToken(refreshToken));
    return session(user, sessionId, refreshToken);
  };

  const bearer = async (authorization: string | undefined) => {
    const token = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
    if (!token)
      return { error: authError(401, "no_authorization", "This endpoint requires a valid Bearer token") };
    const claims = await verifyUserToken(token);
    if (!claims)
      return { error: authError(403, "bad_jwt", "invalid JWT: unable to parse or verify signature") };
    const sessionId = typeof claims.session_id === "string" ? claims.session_id : "";
    if (!(await sessionExists(sql, sessionId))) {
      return {
        error: authError(403, "session_not_found", "Session from session_id claim in JWT does not exist"),
      };
    }
    return { claims, sessionId };
  };

  return { session, start, bearer };
}
