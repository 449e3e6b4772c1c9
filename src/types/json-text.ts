/**
 * A strict JSON reader for the JSON text functions. It validates the whole document and keeps each
 * value's place in the text, so objects, arrays, numbers and literals are returned exactly as
 * written ('1.50' stays '1.50'), and only strings are decoded.
 */
export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly entries: ReadonlyMap<string, JsonNode> }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'null' | 'scalar'; readonly start: number; readonly end: number };

class Reader {
  pos = 0;
  constructor(readonly text: string) {}

  fail(): never {
    throw new InvalidJson();
  }

  skipBlanks(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      this.pos++;
    }
  }

  value(depth: number): JsonNode {
    if (depth > 1000) this.fail();
    this.skipBlanks();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === '{') return this.object(start, depth);
    if (c === '[') return this.array(start, depth);
    if (c === '"') return { kind: 'string', start, value: this.string(), end: this.pos };
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(start, start + 400));
    if (!literal) this.fail();
    this.pos += literal[0].length;
    return { kind: literal[0] === 'null' ? 'null' : 'scalar', start, end: this.pos };
  }

  object(start: number, depth: number): JsonNode {
    const entries = new Map<string, JsonNode>();
    this.pos++;
    this.skipBlanks();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', start, end: this.pos, entries };
    }
    for (;;) {
      this.skipBlanks();
      if (this.text[this.pos] !== '"') this.fail();
      const key = this.string();
      this.skipBlanks();
      if (this.text[this.pos++] !== ':') this.fail();
      entries.set(key, this.value(depth + 1));
      this.skipBlanks();
      const sep = this.text[this.pos++];
      if (sep === '}') return { kind: 'object', start, end: this.pos, entries };
      if (sep !== ',') this.fail();
    }
  }

  array(start: number, depth: number): JsonNode {
    const items: JsonNode[] = [];
    this.pos++;
    this.skipBlanks();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipBlanks();
      const sep = this.text[this.pos++];
      if (sep === ']') return { kind: 'array', start, end: this.pos, items };
      if (sep !== ',') this.fail();
    }
  }

  string(): string {
    const t = this.text;
    const open = this.pos++;
    let simple = true;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) break;
      if (c < 0x20) this.fail();
      if (c === 0x5c) {
        simple = false;
        this.pos++;
      }
      this.pos++;
    }
    if (this.pos >= t.length) this.fail();
    this.pos++;
    const raw = t.slice(open, this.pos);
    if (simple) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return this.fail();
    }
  }
}

export class InvalidJson extends Error {
  constructor() {
    super('invalid JSON');
  }
}

/** The document's root value; throws InvalidJson unless the whole text is one JSON value. */
export function parseJson(text: string): JsonNode {
  const r = new Reader(text);
  const root = r.value(0);
  r.skipBlanks();
  if (r.pos !== text.length) r.fail();
  return root;
}

/** A value as the JSON text functions return it: strings decoded, null as NULL, the rest as written. */
export function jsonText(text: string, node: JsonNode): string | null {
  switch (node.kind) {
    case 'string': return node.value;
    case 'null': return null;
    default: return text.slice(node.start, node.end);
  }
}
