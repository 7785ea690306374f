import { describe, expect, it } from "vitest";
import { decodeEntities, parseXml, XmlError } from "./xml.ts";

describe("parseXml", () => {
  it("reads elements, attributes in either quote style, text and self-closing tags", () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<Response><Say voice='alice' language="en-US">Hi &amp; bye</Say><Hangup/></Response>`);
    expect(root).toEqual({
      kind: "element",
      name: "Response",
      attributes: {},
      children: [
        {
          kind: "element",
          name: "Say",
          attributes: { voice: "alice", language: "en-US" },
          children: [{ kind: "text", text: "Hi & bye" }],
        },
        { kind: "element", name: "Hangup", attributes: {}, children: [] },
      ],
    });
  });

  it("skips comments and processing instructions, keeps CDATA verbatim, strips a BOM", () => {
    const root = parseXml("\uFEFF<!-- c --><R><!-- inner --><![CDATA[a < b & c]]><?pi x?></R><!-- end -->");
    expect(root.children).toEqual([{ kind: "text", text: "a < b & c" }]);
  });

  it("joins text around comments into one text node", () => {
    expect(parseXml("<R>one <!-- x -->two</R>").children).toEqual([{ kind: "text", text: "one two" }]);
  });

  it("decodes numeric entities and normalises whitespace in attribute values", () => {
    const root = parseXml('<R a="x&#10;y&#x41;&#65;" b="p\tq"/>');
    expect(root.attributes).toEqual({ a: "x\nyAA", b: "p q" });
  });

  it("allows whitespace before the end of a closing tag", () => {
    expect(parseXml("<R></R >").name).toBe("R");
  });

  it.each([
    ["", "expected a root element"],
    ["just text", "expected a root element"],
    ["<R>", "unclosed element <R>"],
    ["<R></S>", "</S> does not close <R>"],
    ["<R><S></R></S>", "</R> does not close <S>"],
    ["<R/><R/>", "content after the root element"],
    ["<R/>trailing", "content after the root element"],
    ['<R a="1" a="2"/>', "duplicate attribute a"],
    ["<R a=1/>", "attribute value must be quoted"],
    ['<R a="1/>', "unterminated attribute value"],
    ['<R a="<"/>', "'<' inside an attribute value"],
    ['<R a="1"b="2"/>', "malformed tag <R>"],
    ["<R>&nbsp;</R>", "unknown entity &nbsp;"],
    ["<R>a & b</R>", "unterminated entity reference"],
    ["<R>&#0;</R>", "unknown entity &#0;"],
    ["<!DOCTYPE R><R/>", "DOCTYPE and declarations are not allowed"],
    ["<R><!-- open</R>", "unterminated comment"],
    ["<R><![CDATA[x</R>", "unterminated CDATA section"],
    ["<1R/>", "expected a name"],
  ])("rejects %j", (source, message) => {
    expect(() => parseXml(source)).toThrowError(XmlError);
    expect(() => parseXml(source)).toThrowError(message);
  });
});

describe("decodeEntities", () => {
  it("decodes the five predefined entities", () => {
    expect(decodeEntities("&lt;&gt;&amp;&quot;&apos;")).toBe(`<>&"'`);
  });

  it("decodes astral code points", () => {
    expect(decodeEntities("&#x1F600;")).toBe("😀");
  });
});
