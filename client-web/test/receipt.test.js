import { test } from "node:test";
import assert from "node:assert/strict";
import {
  ND_ZEROS, digitValue, generateReceiptCode, parseReceiptCode, ReceiptCodeError, dammCheckDigit,
} from "../src/crypto/receipt.js";

const reason = (input) => {
  try {
    parseReceiptCode(input);
    return "ACCEPTED";
  } catch (e) {
    assert.ok(e instanceof ReceiptCodeError);
    assert.ok(!e.message.includes(String(input).slice(2, 10)) || String(input).length < 10, "message leaks input");
    return e.reason;
  }
};

test("Damm known answer", () => {
  assert.equal(dammCheckDigit("572"), "4");
  assert.equal(dammCheckDigit("5724"), "0");
});

test("generated codes round-trip and use crypto.getRandomValues by default", () => {
  for (let i = 0; i < 100; i++) {
    const c = generateReceiptCode();
    assert.match(c.digits, /^1[0-9]{23}$/);
    assert.equal(parseReceiptCode(c.grouped).digits, c.digits);
  }
});

test("every single substitution and adjacent swap is refused", () => {
  const accepted = [];
  for (let n = 0; n < 300; n++) {
    const d = generateReceiptCode().digits;
    for (let i = 0; i < 24; i++) {
      for (let x = 0; x < 10; x++) {
        if (String(x) !== d[i] && reason(d.slice(0, i) + x + d.slice(i + 1)) === "ACCEPTED") accepted.push(d);
      }
      if (i < 23 && d[i] !== d[i + 1]) {
        if (reason(d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2)) === "ACCEPTED") accepted.push(d);
      }
    }
  }
  assert.deepEqual(accepted, []);
});

test("the Nd table is a subset of this engine's \\p{Nd} and maps runs of ten", () => {
  for (const zero of ND_ZEROS) {
    for (let v = 0; v < 10; v++) {
      assert.match(String.fromCodePoint(zero + v), /^\p{Nd}$/u, zero.toString(16));
      assert.equal(digitValue(zero + v), v);
    }
  }
  assert.equal(digitValue("a".codePointAt(0)), -1);
  assert.equal(digitValue(0xb2), -1);
});

test("no Math.random anywhere in the crypto modules", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const dir = new URL("../src/crypto/", import.meta.url);
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".js"))) {
    assert.ok(!readFileSync(new URL(f, dir), "utf8").includes("Math.random"), f);
  }
});
