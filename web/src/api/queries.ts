import { useSuspenseQuery } from "@tanstack/react-query";
import { api } from "./client.ts";
import type {
  Account,
  Call,
  Contact,
  Line,
  Me,
  Memory,
  Page,
  SafetyEvent,
  Schedule,
  Usage,
} from "./types.ts";

/** Query keys: one place, so mutations invalidate exactly what they change. */
export const keys = {
  me: ["me"] as const,
  account: ["account"] as const,
  usage: ["usage"] as const,
  lines: ["lines"] as const,
  line: (id: string) => ["lines", id] as const,
  schedules: (lineId: string) => ["lines", lineId, "schedules"] as const,
  contacts: (lineId: string) => ["lines", lineId, "contacts"] as const,
  memories: (lineId: string) => ["lines", lineId, "memories"] as const,
  calls: (lineId?: string) => ["calls", lineId ?? "all"] as const,
  call: (id: string) => ["call", id] as const,
  alerts: (lineId?: string) => ["alerts", lineId ?? "all"] as const,
};

const q = (lineId?: string) => (lineId ? `?lineId=${encodeURIComponent(lineId)}` : "");

export const useMe = () => useSuspenseQuery({ queryKey: keys.me, queryFn: () => api.get<Me>("/me") });
export const useAccount = () =>
  useSuspenseQuery({ queryKey: keys.account, queryFn: () => api.get<Account>("/account") });
export const useUsage = () =>
  useSuspenseQuery({ queryKey: keys.usage, queryFn: () => api.get<Usage>("/usage") });
export const useLines = () =>
  useSuspenseQuery({ queryKey: keys.lines, queryFn: () => api.get<Page<Line>>("/lines") });
export const useLine = (id: string) =>
  useSuspenseQuery({
    queryKey: keys.line(id),
    queryFn: () => api.get<Line>(`/lines/${encodeURIComponent(id)}`),
  });
export const useSchedules = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.schedules(lineId),
    queryFn: () => api.get<Page<Schedule>>(`/lines/${encodeURIComponent(lineId)}/schedules`),
  });
export const useContacts = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.contacts(lineId),
    queryFn: () => api.get<Page<Contact>>(`/lines/${encodeURIComponent(lineId)}/contacts`),
  });
export const useMemories = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.memories(lineId),
    queryFn: () => api.get<Page<Memory>>(`/lines/${encodeURIComponent(lineId)}/memories`),
  });
export const useCalls = (lineId?: string) =>
  useSuspenseQuery({
    queryKey: keys.calls(lineId),
    queryFn: () => api.get<Page<Call>>(`/calls${q(lineId)}`),
  });
export const useAlerts = (lineId?: string) =>
  useSuspenseQuery({
    queryKey: keys.alerts(lineId),
    queryFn: () => api.get<Page<SafetyEvent>>(`/safety-events${q(lineId)}`),
  });
