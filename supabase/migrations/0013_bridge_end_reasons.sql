/*
  0013 bridge end reasons — the reasons the bridge Worker reports (CallEndReason in
  functions/_shared/contracts/bridge.ts) that 0008's enum cannot say: the caller went silent and the
  assistant said goodbye (`caller_silent`), the media stream broke (`stream_error`), and a stream whose
  token failed verification (`invalid_token`). `model_failure` maps onto the existing `ai_unavailable`.
  `silence` stays for rows already written; new rows use `caller_silent`.

  `add value` cannot be used in the transaction that adds it; nothing here uses the new values.
*/

alter type public.ultaura_call_end_reason add value if not exists 'caller_silent';
alter type public.ultaura_call_end_reason add value if not exists 'stream_error';
alter type public.ultaura_call_end_reason add value if not exists 'invalid_token';
