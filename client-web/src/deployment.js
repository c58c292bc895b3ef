// Values pinned into the client, never taken from unsigned server data (a hostile server would hand
// out weak Argon2 parameters or its own root key). The signed team bundle repeats them and
// verifyBundle insists they match.
//
// THESE ARE TEST VALUES. The root key below belongs to a key derived from a public test seed
// (see e2e/lib/team.js); a real deployment replaces this file with the values from its key ceremony,
// and `test` must then be false (the page shows a "test version" banner while it is true).
export const DEPLOYMENT = Object.freeze({
  test: true,
  id: "klachtenbalie-test",
  rootKey: "9f85901383bd3a162471d9b22082b51165e5db125b3ad3de7f83a5474a7b763a",
  argon2: Object.freeze({ salt: "6b6c61636874656e62616c6965746573", m: 19456, t: 2, p: 1 }),
});

/** Where quick exit goes: a neutral, common Dutch site. The history entry is replaced. */
export const EXIT_URL = "https://www.buienradar.nl/";

/** Service clocks stated on the receipt page (DESIGN.md "Numbers to design for"). */
export const ACK_DAYS = 7;
export const FEEDBACK_MONTHS = 3;
