/**
 * The API's shapes, inferred from the zod schemas functions/api validates with — so a renamed field in
 * the API is a type error here.
 */
import type { z } from "zod";
import type * as s from "../../../functions/api/schemas.ts";

export type Me = z.infer<typeof s.meResponse>;
export type Account = z.infer<typeof s.account>;
export type Usage = z.infer<typeof s.usageResponse>;
export type Plan = z.infer<typeof s.plan>;
export type Invite = z.infer<typeof s.invite>;
export type Line = z.infer<typeof s.line>;
export type LineInput = z.input<typeof s.createLineBody>;
export type LineUpdate = z.input<typeof s.updateLineBody>;
export type Schedule = z.infer<typeof s.schedule>;
export type ScheduleInput = z.input<typeof s.createScheduleBody>;
export type Reminder = z.infer<typeof s.reminder>;
export type ReminderOccurrence = z.infer<typeof s.reminderOccurrence>;
export type ReminderInput = z.input<typeof s.createReminderBody>;
export type ReminderUpdate = z.input<typeof s.updateReminderBody>;
export type Contact = z.infer<typeof s.contact>;
export type ContactInput = z.input<typeof s.createContactBody>;
export type Call = z.infer<typeof s.callSummary>;
export type CallStatus = z.infer<typeof s.callStatus>;
export type CallOutcome = z.infer<typeof s.callOutcome>;
export type ScheduleRun = z.infer<typeof s.scheduleRun>;
export type Memory = z.infer<typeof s.memory>;
export type SafetyEvent = z.infer<typeof s.safetyEvent>;
export type AlertTier = z.infer<typeof s.alertTier>;
export type Language = z.infer<typeof s.language>;
export type VerifySendResponse = z.infer<typeof s.verifySendResponse>;
export type VerifyCheckResponse = z.infer<typeof s.verifyCheckResponse>;
export type TestCallResponse = z.infer<typeof s.testCallResponse>;
/** What the API refused with; the web app decides on this code only. */
export type ApiErrorCode = s.ApiErrorCode;
export type AccountExport = z.infer<typeof s.accountExport>;
export type ClosedAccount = z.infer<typeof s.closedAccount>;
export type CallInsights = z.infer<typeof s.callInsights>;
export type WeeklyInsights = z.infer<typeof s.weeklyInsights>;
export type FamilyMessage = z.infer<typeof s.familyMessage>;
export type FamilyMessageInput = z.input<typeof s.createMessageBody>;
export type NotificationSettings = z.infer<typeof s.notificationSettings>;
export type NoticeKind = z.infer<typeof s.noticeKind>;
export type LineNotice = z.infer<typeof s.lineNotice>;
export type MemberAlert = z.infer<typeof s.memberAlert>;
export type LinePause = z.infer<typeof s.linePause>;
