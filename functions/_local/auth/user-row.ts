/** A row of `auth.users` as the local Auth stand-in reads it. */
export interface UserRow {
  id: string;
  aud: string;
  role: string;
  email: string;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  raw_app_meta_data: Record<string, unknown>;
  raw_user_meta_data: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

/** What sign-up answers for an address that has an account: a fresh user that reveals nothing of it. */
export function standInUser(email: string, at: Date): UserRow {
  return {
    id: crypto.randomUUID(),
    aud: "authenticated",
    role: "authenticated",
    email: email.toLowerCase(),
    encrypted_password: null,
    email_confirmed_at: null,
    raw_app_meta_data: { provider: "email", providers: ["email"] },
    raw_user_meta_data: {},
    created_at: at,
    updated_at: at,
  };
}
