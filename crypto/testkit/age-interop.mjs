// Drives the browser's age package (age-encryption, pinned in package-lock.json) for the Java
// interoperability tests (AgeEncryptionInteropTest). Secrets are passed in files, never as
// arguments. Commands:
//   node age-interop.mjs keygen IDENTITY_OUT RECIPIENT_OUT      a new hybrid identity (AGE-SECRET-KEY-PQ-1…)
//   node age-interop.mjs recipient IDENTITY_IN RECIPIENT_OUT    the recipient of an identity
//   node age-interop.mjs encrypt RECIPIENTS_IN PLAIN_IN AGE_OUT one recipient per line
//   node age-interop.mjs decrypt IDENTITIES_IN AGE_IN PLAIN_OUT one identity per line
import { readFileSync, writeFileSync } from "node:fs";
import { Decrypter, Encrypter, generateHybridIdentity, identityToRecipient } from "age-encryption";

function lines(path) {
  return readFileSync(path, "utf8").split("\n").map((l) => l.trim()).filter((l) => l.length > 0);
}

const [command, ...args] = process.argv.slice(2);
try {
  switch (command) {
    case "keygen": {
      const identity = await generateHybridIdentity();
      writeFileSync(args[0], identity + "\n", { mode: 0o600 });
      writeFileSync(args[1], (await identityToRecipient(identity)) + "\n");
      break;
    }
    case "recipient": {
      writeFileSync(args[1], (await identityToRecipient(lines(args[0])[0])) + "\n");
      break;
    }
    case "encrypt": {
      const e = new Encrypter();
      for (const r of lines(args[0])) e.addRecipient(r);
      writeFileSync(args[2], await e.encrypt(new Uint8Array(readFileSync(args[1]))));
      break;
    }
    case "decrypt": {
      const d = new Decrypter();
      for (const i of lines(args[0])) d.addIdentity(i);
      writeFileSync(args[2], await d.decrypt(new Uint8Array(readFileSync(args[1]))));
      break;
    }
    default:
      console.error("usage: node age-interop.mjs keygen|recipient|encrypt|decrypt FILES…");
      process.exit(2);
  }
} catch (err) {
  // The message only: stack traces could show file contents in some runtimes.
  console.error(`age-interop ${command} failed: ${err && err.message}`);
  process.exit(1);
}
