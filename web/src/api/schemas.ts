/** The API's own request schemas, re-exported so forms validate exactly as the API will. */
export {
  createContactBody,
  createLineBody,
  createMessageBody,
  createReminderBody,
  createScheduleBody,
  inviteBody,
  reenableCallsBody,
  updateLineBody,
  verifyCheckBody,
} from "../../../functions/api/schemas.ts";
