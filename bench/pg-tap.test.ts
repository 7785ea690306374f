import { describe, expect, it } from "vitest";
import { ConnectionTap, type TappedStatement } from "./pg-tap.ts";

/** Builds protocol messages as a client or server writes them. */
const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0);
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
const cstr = (text: string) => Buffer.from(`${text}\0`);
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
const startup = () => {
  const body = Buffer.concat([int32(196608), cstr("user"), cstr("postgres"), cstr("")]);
  return Buffer.concat([int32(body.length + 4), body]);
};
const parse = (text: string, name = "") => message("P", Buffer.concat([cstr(name), cstr(text), int16(0)]));
const bindNamed = (statement: string, ...values: (string | null)[]) =>
  message(
    "B",
    Buffer.concat([
      cstr(""),
      cstr(statement),
      int16(0),
      int16(values.length),
      ...values.map((v) =>
        v === null ? int32(-1) : Buffer.concat([int32(Buffer.byteLength(v)), Buffer.from(v)]),
      ),
      int16(0),
    ]),
  );
const bind = (...values: (string | null)[]) => bindNamed("", ...values);
const sync = () => message("S", Buffer.alloc(0));
const ready = (status: "I" | "T") => message("Z", Buffer.from(status));

describe("ConnectionTap", () => {
  it("records each statement with its parameters, the transaction's claims and its round trip", () => {
    const seen: TappedStatement[] = [];
    let clock = 0;
    const tap = new ConnectionTap(
      (s) => seen.push(s),
      () => clock,
    );
    tap.fromClient(startup());
    const claims = '{"sub":"u1","role":"authenticated"}';
    // Split mid-message, as TCP may deliver it.
    const first = Buffer.concat([
      parse("select set_config('request.jwt.claims', $1, true)"),
      bind(claims),
      sync(),
    ]);
    tap.fromClient(first.subarray(0, 7));
    tap.fromClient(first.subarray(7));
    clock = 2;
    tap.fromServer(ready("T"));
    tap.fromClient(Buffer.concat([parse("select * from t where id = $1"), bind("42"), sync()]));
    clock = 7;
    tap.fromServer(ready("T"));
    tap.fromClient(message("Q", cstr("commit")));
    clock = 8;
    tap.fromServer(ready("I"));
    tap.fromClient(Buffer.concat([parse("select 1"), bind(null), sync()]));
    tap.fromServer(ready("I"));

    expect(seen.map((s) => [s.text, s.params, s.claims, s.ms])).toEqual([
      ["select set_config('request.jwt.claims', $1, true)", [claims], claims, 2],
      ["select * from t where id = $1", ["42"], claims, 5],
      ["commit", [], claims, 1],
      ["select 1", [null], null, 0],
    ]);
  });

  it("follows named prepared statements, which later executions run by Bind alone", () => {
    const seen: TappedStatement[] = [];
    const tap = new ConnectionTap(
      (s) => seen.push(s),
      () => 0,
    );
    tap.fromClient(startup());
    tap.fromClient(Buffer.concat([parse("select * from t where id = $1", "s1"), bind("1"), sync()]));
    tap.fromServer(ready("I"));
    tap.fromClient(Buffer.concat([bindNamed("s1", "2"), sync()]));
    tap.fromServer(ready("I"));

    expect(seen.map((s) => [s.text, s.params])).toEqual([
      ["select * from t where id = $1", ["1"]],
      ["select * from t where id = $1", ["2"]],
    ]);
  });
});
