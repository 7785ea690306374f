/**
 * A small XML reader for TwiML documents: elements, attributes, text, CDATA, comments, processing
 * instructions and the five predefined plus numeric entities. DOCTYPEs are refused (TwiML never has one,
 * and refusing them rules out entity-expansion tricks). Pure: string in, tree out, `XmlError` on anything
 * malformed.
 */

export interface XmlElement {
  kind: "element";
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export interface XmlText {
  kind: "text";
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export class XmlError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at offset ${position}`);
    this.name = "XmlError";
  }
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(raw: string, offset = 0): string {
  return raw.replace(/&([^;&\s]*);?/g, (match, body: string, at: number) => {
    if (!match.endsWith(";")) throw new XmlError("unterminated entity reference", offset + at);
    const named = NAMED_ENTITIES[body];
    if (named !== undefined) return named;
    const numeric = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? Number.parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code > 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw new XmlError(`unknown entity &${body};`, offset + at);
  });
}

export function parseXml(source: string): XmlElement {
  const reader = new Reader(source.startsWith("\uFEFF") ? source.slice(1) : source);
  reader.skipMisc();
  if (!reader.lookingAt("<") || reader.lookingAt("</")) throw reader.error("expected a root element");
  const root = reader.element();
  reader.skipMisc();
  if (!reader.done()) throw reader.error("content after the root element");
  return root;
}

class Reader {
  private pos = 0;
  constructor(private readonly src: string) {}

  done(): boolean {
    return this.pos >= this.src.length;
  }

  lookingAt(token: string): boolean {
    return this.src.startsWith(token, this.pos);
  }

  error(message: string): XmlError {
    return new XmlError(message, this.pos);
  }

  /** Whitespace, comments and processing instructions, allowed around the root element. */
  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.lookingAt("<!--")) this.comment();
      else if (this.lookingAt("<?")) this.skipPast("?>", "unterminated processing instruction");
      else if (this.lookingAt("<!")) throw this.error("DOCTYPE and declarations are not allowed");
      else return;
    }
  }

  element(): XmlElement {
    this.pos += 1;
    const name = this.name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = this.skipSpace();
      if (this.lookingAt("/>")) {
        this.pos += 2;
        return { kind: "element", name, attributes, children: [] };
      }
      if (this.lookingAt(">")) {
        this.pos += 1;
        break;
      }
      if (!hadSpace) throw this.error(`malformed tag <${name}>`);
      const attrName = this.name();
      if (Object.hasOwn(attributes, attrName)) throw this.error(`duplicate attribute ${attrName}`);
      this.skipSpace();
      this.expect("=");
      this.skipSpace();
      attributes[attrName] = this.attributeValue();
    }
    return { kind: "element", name, attributes, children: this.content(name) };
  }

  private content(parent: string): XmlNode[] {
    const children: XmlNode[] = [];
    let text = "";
    const flush = () => {
      if (text !== "") children.push({ kind: "text", text });
      text = "";
    };
    for (;;) {
      if (this.done()) throw this.error(`unclosed element <${parent}>`);
      if (this.lookingAt("</")) {
        this.pos += 2;
        const closing = this.name();
        if (closing !== parent) throw this.error(`</${closing}> does not close <${parent}>`);
        this.skipSpace();
        this.expect(">");
        flush();
        return children;
      }
      if (this.lookingAt("<!--")) this.comment();
      else if (this.lookingAt("<![CDATA[")) {
        const start = this.pos + 9;
        this.skipPast("]]>", "unterminated CDATA section");
        text += this.src.slice(start, this.pos - 3);
      } else if (this.lookingAt("<?")) this.skipPast("?>", "unterminated processing instruction");
      else if (this.lookingAt("<")) {
        flush();
        children.push(this.element());
      } else {
        const start = this.pos;
        const end = this.src.indexOf("<", start);
        this.pos = end === -1 ? this.src.length : end;
        text += decodeEntities(this.src.slice(start, this.pos), start);
      }
    }
  }

  private attributeValue(): string {
    const quote = this.src[this.pos];
    if (quote !== '"' && quote !== "'") throw this.error("attribute value must be quoted");
    const start = this.pos + 1;
    const end = this.src.indexOf(quote, start);
    if (end === -1) throw this.error("unterminated attribute value");
    const raw = this.src.slice(start, end);
    if (raw.includes("<")) throw new XmlError("'<' inside an attribute value", start + raw.indexOf("<"));
    this.pos = end + 1;
    // XML normalises literal whitespace in attribute values; character references such as &#10; survive.
    return decodeEntities(raw.replace(/[\t\n\r]/g, " "), start);
  }

  private name(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (!match) throw this.error("expected a name");
    this.pos += match[0].length;
    return match[0];
  }

  private comment(): void {
    this.skipPast("-->", "unterminated comment");
  }

  private skipPast(token: string, message: string): void {
    const end = this.src.indexOf(token, this.pos);
    if (end === -1) throw this.error(message);
    this.pos = end + token.length;
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (this.pos < this.src.length && " \t\r\n".includes(this.src.charAt(this.pos))) this.pos += 1;
    return this.pos > start;
  }

  private expect(token: string): void {
    if (!this.lookingAt(token)) throw this.error(`expected '${token}'`);
    this.pos += token.length;
  }
}
