import {
  queryOptions,
  usePrefetchQuery,
  useSuspenseInfiniteQuery,
  useSuspenseQuery,
} from "@tanstack/react-query";
import { client, requestApi } from "./client.ts";

/** Query keys: one place, so mutations invalidate exactly what they change. */
export const keys = {
  me: ["me"] as const,
  account: ["account"] as const,
  members: ["account", "members"] as const,
  usage: ["usage"] as const,
  billing: ["billing"] as const,
  plans: ["plans"] as const,
  lines: ["lines"] as const,
  line: (id: string) => ["lines", id] as const,
  schedules: (lineId: string) => ["lines", lineId, "schedules"] as const,
  reminders: (lineId: string) => ["lines", lineId, "reminders"] as const,
  contacts: (lineId: string) => ["lines", lineId, "contacts"] as const,
  memories: (lineId: string) => ["lines", lineId, "memories"] as const,
  calls: (lineId?: string) => ["calls", lineId ?? "all"] as const,
  reminderOccurrences: (lineId?: string) => ["reminder-occurrences", lineId ?? "all"] as const,
  call: (id: string) => ["call", id] as const,
  alerts: (lineId?: string) => ["alerts", lineId ?? "all"] as const,
  runs: (lineId: string) => ["lines", lineId, "runs"] as const,
  notices: (lineId: string) => ["lines", lineId, "notices"] as const,
  invite: (token: string) => ["invite", token] as const,
  insights: (lineId: string) => ["lines", lineId, "insights"] as const,
  messages: (lineId: string) => ["lines", lineId, "messages"] as const,
  notificationSettings: ["me", "notifications"] as const,
  memberAlerts: ["me", "alerts"] as const,
  pauses: (lineId: string) => ["lines", lineId, "pauses"] as const,
};

const byLine = (lineId?: string) => (lineId ? { lineId } : {});

/**
 * Every page of a short list the page shows whole (lines, schedules, contacts, notices): the API pages
 * every list by keyset, and these follow `nextCursor` to the end, 100 rows a request.
 */
async function allPages<T>(
  fetchPage: (query: {
    limit: string;
    cursor?: string;
  }) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<{ items: T[]; nextCursor: null }> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: T[]; nextCursor: string | null } = await fetchPage(
      cursor ? { limit: "100", cursor } : { limit: "100" },
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return { items, nextCursor: null };
}

export const fetchLine = (id: string) => requestApi(client.lines[":id"].$get({ param: { id } }));
export const fetchSchedules = (lineId: string) =>
  allPages((query) => requestApi(client.lines[":id"].schedules.$get({ param: { id: lineId }, query })));
export const fetchCall = (id: string) => requestApi(client.calls[":id"].$get({ param: { id } }));

export const useMe = () =>
  useSuspenseQuery({ queryKey: keys.me, queryFn: () => requestApi(client.me.$get()) });
export const useAccount = () =>
  useSuspenseQuery({ queryKey: keys.account, queryFn: () => requestApi(client.account.$get({ query: {} })) });
export const useMembers = () =>
  useSuspenseQuery({
    queryKey: keys.members,
    queryFn: () => requestApi(client.account.members.$get({ query: {} })),
  });
const usageQuery = queryOptions({
  queryKey: keys.usage,
  queryFn: () => requestApi(client.usage.$get({ query: {} })),
});
export const useUsage = () => useSuspenseQuery(usageQuery);
/** The plan catalogue, as the database sells it; it changes with a migration, not during a visit. */
export const usePlans = () =>
  useSuspenseQuery({
    queryKey: keys.plans,
    queryFn: () => requestApi(client.plans.$get()),
    staleTime: Number.POSITIVE_INFINITY,
  });
const linesQuery = queryOptions({
  queryKey: keys.lines,
  queryFn: () => allPages((query) => requestApi(client.lines.$get({ query }))),
});
export const useLines = () => useSuspenseQuery(linesQuery);
/**
 * Starts the dashboard's account-wide reads together with `useMe`'s, instead of after it answers: on a
 * phone's network each wave of requests costs a round trip before anything paints.
 */
export const usePrefetchDashboard = () => {
  usePrefetchQuery(usageQuery);
  usePrefetchQuery(linesQuery);
};
const lineQuery = (id: string) => queryOptions({ queryKey: keys.line(id), queryFn: () => fetchLine(id) });
export const useLine = (id: string) => useSuspenseQuery(lineQuery(id));
export const useReminders = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.reminders(lineId),
    queryFn: () => requestApi(client.lines[":id"].reminders.$get({ param: { id: lineId } })),
  });
export const useSchedules = (lineId: string) =>
  useSuspenseQuery({ queryKey: keys.schedules(lineId), queryFn: () => fetchSchedules(lineId) });
/** What every member must hear about a line (its number changed); under the line's key, so a line edit refreshes it. */
const noticesQuery = (lineId: string) =>
  queryOptions({
    queryKey: keys.notices(lineId),
    queryFn: () =>
      allPages((query) => requestApi(client.lines[":id"].notices.$get({ param: { id: lineId }, query }))),
  });
export const useLineNotices = (lineId: string) => useSuspenseQuery(noticesQuery(lineId));
export const useContacts = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.contacts(lineId),
    queryFn: () =>
      allPages((query) => requestApi(client.lines[":id"].contacts.$get({ param: { id: lineId }, query }))),
  });
/** Memories a page at a time (newest first); `fetchNextPage` follows the keyset cursor. */
export const useMemories = (lineId: string) =>
  useSuspenseInfiniteQuery({
    queryKey: keys.memories(lineId),
    queryFn: ({ pageParam }) =>
      requestApi(
        client.lines[":id"].memories.$get({
          param: { id: lineId },
          query: pageParam ? { cursor: pageParam } : {},
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
export const useCalls = (lineId?: string) =>
  useSuspenseQuery({
    queryKey: keys.calls(lineId),
    queryFn: () => requestApi(client.calls.$get({ query: byLine(lineId) })),
  });
/** What became of each reminder (acknowledged, missed, given in a call), newest first, a page at a time. */
export const useReminderOccurrences = (lineId?: string) =>
  useSuspenseInfiniteQuery({
    queryKey: keys.reminderOccurrences(lineId),
    queryFn: ({ pageParam }) =>
      requestApi(
        client["reminder-occurrences"].$get({
          query: { ...byLine(lineId), ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
export const useAlerts = (lineId?: string) =>
  useSuspenseQuery({
    queryKey: keys.alerts(lineId),
    queryFn: () => requestApi(client["safety-events"].$get({ query: byLine(lineId) })),
  });
export const useBilling = () =>
  useSuspenseQuery({ queryKey: keys.billing, queryFn: () => requestApi(client.billing.$get({ query: {} })) });
export const useScheduleRuns = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.runs(lineId),
    queryFn: () => requestApi(client["schedule-runs"].$get({ query: { lineId } })),
  });

/** The line's last eight weeks: mood, minutes, calls answered and missed. */
const insightsQuery = (lineId: string) =>
  queryOptions({
    queryKey: keys.insights(lineId),
    queryFn: () =>
      requestApi(client.lines[":id"].insights.$get({ param: { id: lineId }, query: { weeks: "8" } })),
  });
export const useWeeklyInsights = (lineId: string) => useSuspenseQuery(insightsQuery(lineId));
/** The line page's reads, all known from its address: one wave of requests instead of one after another. */
export const usePrefetchLinePage = (lineId: string) => {
  usePrefetchQuery(lineQuery(lineId));
  usePrefetchQuery(noticesQuery(lineId));
  usePrefetchQuery(insightsQuery(lineId));
};

/** The family's messages for the line's next calls, each waiting or delivered. */
export const useMessages = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.messages(lineId),
    queryFn: () => requestApi(client.lines[":id"].messages.$get({ param: { id: lineId } })),
  });
/** The member's own notification settings (phone for texts, language, kinds). */
export const useNotificationSettings = () =>
  useSuspenseQuery({
    queryKey: keys.notificationSettings,
    queryFn: () => requestApi(client.me.notifications.$get()),
  });
/** The member's in-app alerts, newest first. */
export const useMemberAlerts = () =>
  useSuspenseQuery({ queryKey: keys.memberAlerts, queryFn: () => requestApi(client.me.alerts.$get()) });
/** A line's planned pauses that have not ended. */
export const usePauses = (lineId: string) =>
  useSuspenseQuery({
    queryKey: keys.pauses(lineId),
    queryFn: () => requestApi(client.lines[":id"].pauses.$get({ param: { id: lineId } })),
  });
