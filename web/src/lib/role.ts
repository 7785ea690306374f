import { useMe } from "../api/queries.ts";

/** Owners manage billing, members and re-enabling calls; members see everything and change lines. */
export function useRoleFor(accountId: string): "owner" | "member" | null {
  const { data } = useMe();
  return data.accounts.find((a) => a.id === accountId)?.role ?? null;
}
