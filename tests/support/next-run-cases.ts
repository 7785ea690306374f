/**
 * The zones and local times the schedule-planning tests walk a year through: DST of an hour (New York,
 * London), of half an hour (Lord Howe), none at a half-hour offset (Kolkata); times in, around and far
 * from the gaps and overlaps.
 */
export const NEXT_RUN_ZONES = ["America/New_York", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"];
export const NEXT_RUN_TIMES = [
  "00:00",
  "00:30",
  "01:00",
  "01:30",
  "01:45",
  "02:00",
  "02:15",
  "02:30",
  "03:00",
  "12:00",
  "23:59",
];
