// A strict JSON parser, the twin of Java's JsonParser (protocol §6): objects become Map (so no
// key can touch a prototype), arrays Array, numbers safe integers only. Duplicate keys, fractions,
// exponents, leading zeros, bad escapes, unpaired surrogates, raw control characters, a byte order
// mark, nesting deeper than 8 and trailing data are errors. JSON.parse is lenient on several.
import { utf8ToBytes } from "./bytes.js";

export const MAX_DEPTH = 8;
export const JSON_NULL = Object.freeze({ toString: () => "null" });

export class JsonError extends Error {
  constructor(message) {
    super(message);
    this.name = "JsonError";
  }
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export function parseStrictJson(bytes) {
  let s;
  try {
    s = decoder.decode(bytes);
  } catch {
    throw new JsonError("invalid UTF-8");
  }
  if (s.charCodeAt(0) === 0xfeff) throw new JsonError("byte order mark");
  const p = new Parser(s);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.pos !== s.length) throw new JsonError("trailing data");
  return v;
}

class Parser {
  constructor(s) {
    this.s = s;
    this.pos = 0;
  }

  peek() {
    if (this.pos >= this.s.length) throw new JsonError("unexpected end");
    return this.s[this.pos];
  }

  next() {
    const c = this.peek();
    this.pos++;
    return c;
  }

  ws() {
    while (this.pos < this.s.length && " \t\n\r".includes(this.s[this.pos])) this.pos++;
  }

  value(depth) {
    const c = this.peek();
    if (c === "{") return this.object(depth + 1);
    if (c === "[") return this.array(depth + 1);
    if (c === '"') return this.string();
    if (c === "t") return this.literal("true", true);
    if (c === "f") return this.literal("false", false);
    if (c === "n") return this.literal("null", JSON_NULL);
    if (c === "-" || (c >= "0" && c <= "9")) return this.number();
    throw new JsonError("unexpected character");
  }

  object(depth) {
    if (depth > MAX_DEPTH) throw new JsonError("nested too deeply");
    this.pos++;
    const out = new Map();
    this.ws();
    if (this.peek() === "}") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      if (this.peek() !== '"') throw new JsonError("expected a key");
      const key = this.string();
      this.ws();
      if (this.next() !== ":") throw new JsonError("expected :");
      this.ws();
      const v = this.value(depth);
      if (out.has(key)) throw new JsonError("duplicate key");
      out.set(key, v);
      this.ws();
      const c = this.next();
      if (c === "}") return out;
      if (c !== ",") throw new JsonError("expected , or }");
    }
  }

  array(depth) {
    if (depth > MAX_DEPTH) throw new JsonError("nested too deeply");
    this.pos++;
    const out = [];
    this.ws();
    if (this.peek() === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      this.ws();
      out.push(this.value(depth));
      this.ws();
      const c = this.next();
      if (c === "]") return out;
      if (c !== ",") throw new JsonError("expected , or ]");
    }
  }

  string() {
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.next();
      if (c === '"') return out;
      if (c.charCodeAt(0) < 0x20) throw new JsonError("control character in string");
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.next();
      const simple = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (Object.hasOwn(simple, e)) out += simple[e];
      else if (e === "u") out += this.unicodeEscape();
      else throw new JsonError("bad escape");
    }
  }

  unicodeEscape() {
    const hi = this.hex4();
    if (hi >= 0xdc00 && hi <= 0xdfff) throw new JsonError("unpaired surrogate");
    if (hi < 0xd800 || hi > 0xdbff) return String.fromCharCode(hi);
    if (this.s[this.pos] !== "\\" || this.s[this.pos + 1] !== "u") throw new JsonError("unpaired surrogate");
    this.pos += 2;
    const lo = this.hex4();
    if (lo < 0xdc00 || lo > 0xdfff) throw new JsonError("unpaired surrogate");
    return String.fromCharCode(hi, lo);
  }

  hex4() {
    if (this.pos + 4 > this.s.length) throw new JsonError("bad escape");
    const h = this.s.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) throw new JsonError("bad escape");
    this.pos += 4;
    return parseInt(h, 16);
  }

  number() {
    const start = this.pos;
    if (this.peek() === "-") this.pos++;
    const digitsStart = this.pos;
    while (this.pos < this.s.length && this.s[this.pos] >= "0" && this.s[this.pos] <= "9") this.pos++;
    const digits = this.pos - digitsStart;
    if (digits === 0) throw new JsonError("bad number");
    const c = this.s[this.pos];
    if (c === "." || c === "e" || c === "E") throw new JsonError("only integers are allowed");
    if (digits > 1 && this.s[digitsStart] === "0") throw new JsonError("leading zero");
    if (digits > 16) throw new JsonError("integer out of range");
    const v = Number(this.s.slice(start, this.pos));
    if (!Number.isSafeInteger(v)) throw new JsonError("integer out of range");
    return v === 0 ? 0 : v; // -0 is 0, as in Java
  }

  literal(word, value) {
    if (!this.s.startsWith(word, this.pos)) throw new JsonError("unexpected character");
    this.pos += word.length;
    return value;
  }
}

// JSON writer: exactly Java's JsonWriter — no white space, keys in insertion order, only `"` and
// `\` escaped with a backslash, control characters as \u00xx (lower-case hex), everything else
// raw UTF-8. JSON.stringify differs (it writes \n), so it is not used for signed bytes.

function writeValue(v, out) {
  if (typeof v === "string") {
    writeString(v, out);
  } else if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new RangeError("only safe integers");
    out.push(String(v));
  } else if (typeof v === "boolean") {
    out.push(v ? "true" : "false");
  } else if (v === JSON_NULL || v === null) {
    out.push("null");
  } else if (Array.isArray(v)) {
    out.push("[");
    v.forEach((x, i) => {
      if (i > 0) out.push(",");
      writeValue(x, out);
    });
    out.push("]");
  } else if (v instanceof Map || typeof v === "object") {
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    out.push("{");
    entries.forEach(([k, x], i) => {
      if (i > 0) out.push(",");
      writeString(k, out);
      out.push(":");
      writeValue(x, out);
    });
    out.push("}");
  } else {
    throw new TypeError("cannot write " + typeof v);
  }
}

function writeString(s, out) {
  let r = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) {
      r += "\\" + s[i];
    } else if (c < 0x20) {
      r += "\\u" + c.toString(16).padStart(4, "0");
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const lo = s.charCodeAt(i + 1);
      if (c > 0xdbff || !(lo >= 0xdc00 && lo <= 0xdfff)) throw new RangeError("unpaired surrogate");
      r += s[i] + s[++i];
    } else {
      r += s[i];
    }
  }
  out.push(r + '"');
}

/** UTF-8 bytes of `value` as Java's JsonWriter writes them. */
export function writeJson(value) {
  const out = [];
  writeValue(value, out);
  return utf8ToBytes(out.join(""));
}
