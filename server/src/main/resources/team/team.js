'use strict';
// The transfer page. The session token lives only in this variable: no cookie, no storage,
// so closing the tab logs out and no other site can make the browser use it.
//
// It also checks, on load and after a bundle is published, that the reporter pages this server
// serves match the asset list signed into the team bundle (protocol §6, DESIGN.md "The live server
// serves the crypto code"). The transfer machine is where a compromised live server is noticed.

/** Every text of the asset check (the transfer page is English only). {0}, {1} are replaced. */
const TEXT = Object.freeze({
  checking: 'Checking the reporter pages against the team\u2019s signed list\u2026',
  ok: 'The reporter pages match the team\u2019s signed list ({0} files).',
  alarm: 'ALARM: the reporter pages do NOT match the team\u2019s signed list ({0} files listed). What is wrong:',
  alarmAdvice: 'Stop: do not send anyone to the reporter pages and do not upload or publish anything from this machine. '
    + 'Compare the team fingerprint below with the fingerprint printed on the flyer. '
    + 'Contact the operator of the server (the person responsible for security) now: the server may have been tampered with.',
  differs: '{0} \u2014 differs from the signed list',
  missing: '{0} \u2014 missing (the server answered {1})',
  unreachable: '{0} \u2014 could not be fetched',
  badPath: '{0} \u2014 not a valid asset path in the bundle',
  startPage: '/ (the start page) \u2014 differs from index.html in the signed list',
  badSignature: 'team-bundle.json \u2014 its signature does not verify under the root key it names',
  noAssets: 'This bundle carries no asset list \u2014 sign the next bundle with --assets. Until then the reporter pages cannot be checked here.',
  noBundle: 'The reporter pages could not be checked: {0}',
  noBundlePublished: 'no team bundle is published yet.',
  unreadableBundle: 'the team bundle this server serves cannot be read ({0}).',
  noCrypto: 'this browser offers no Web Crypto here. Open the transfer page over HTTPS or the onion address.',
  signedBy: 'The list is signed by the team root key with fingerprint {0}. It must be the fingerprint printed on the flyer; if it is not, treat this as an alarm.',
  unverified: 'This browser cannot verify Ed25519 signatures, so the files were checked against the bundle this server serves (its signature is checked by the reporters\u2019 browsers). Root key fingerprint named in that bundle: {0} \u2014 it must be the one printed on the flyer.',
});

(function () {
  const api = location.pathname.replace(/\/$/, '') + '/api';
  let token = null;
  let lastThrough = null;
  let downloadUrl = null;
  const $ = (id) => document.getElementById(id);

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  async function call(path, body, raw) {
    const headers = { 'Content-Type': 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    const res = await fetch(api + path, { method: 'POST', headers, body: body === undefined ? '{}' : body,
      credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
    if (raw && res.ok) return res;
    const data = await res.json().catch(() => ({ message: 'unexpected answer from the server' }));
    if (!res.ok) {
      if (res.status === 401 && token) { token = null; showLogin(); }
      throw new Error(data.message || ('error ' + res.status));
    }
    return data;
  }

  function showLogin() { $('login').hidden = false; $('work').hidden = true; }

  async function refresh() {
    const s = await call('/status');
    $('status').textContent = 'Logged in as ' + s.account + '. ' + (s.newRecords ? 'New events are waiting.' : 'Nothing new since the last transfer.')
      + ' Team bundle version ' + s.bundleVersion + (s.bundleExpires ? ', valid until ' + s.bundleExpires : '') + '.';
  }

  $('login').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await call('/login', JSON.stringify({ name: $('name').value, password: $('password').value, totp: $('totp').value }));
      token = r.token;
      $('password').value = ''; $('totp').value = '';
      $('login').hidden = true; $('work').hidden = false;
      say('');
      await refresh();
    } catch (err) { say(err.message, true); }
  });

  $('download').addEventListener('click', async () => {
    try {
      const res = await call('/export', '{}', true);
      const blob = await res.blob();
      lastThrough = Number(res.headers.get('X-Export-Through'));
      const after = res.headers.get('X-Export-After');
      if (downloadUrl) URL.revokeObjectURL(downloadUrl);
      downloadUrl = URL.createObjectURL(blob);
      const a = $('saved');
      a.href = downloadUrl;
      a.download = 'klachtenbalie-export-' + after + '-' + lastThrough + '.json';
      a.hidden = false;
      $('confirm').hidden = false;
      say(res.headers.get('X-Export-More') === 'true'
        ? 'Export ready. More events are waiting: transfer this file, confirm, then download again.'
        : 'Export ready. Save it, then confirm.');
    } catch (err) { say(err.message, true); }
  });

  $('confirm').addEventListener('click', async () => {
    try {
      await call('/export/confirm', JSON.stringify({ through: lastThrough }));
      $('confirm').hidden = true; $('saved').hidden = true;
      if (downloadUrl) { URL.revokeObjectURL(downloadUrl); downloadUrl = null; }
      say('Marked as transferred.');
      await refresh();
    } catch (err) { say(err.message, true); }
  });

  async function upload(inputId, path, describe, after) {
    const file = $(inputId).files[0];
    if (!file) { say('Choose a file first.', true); return; }
    try {
      const r = await call(path, await file.arrayBuffer());
      $(inputId).value = '';
      say(describe(r));
      await refresh();
    } catch (err) { say(err.message, true); }
    if (after) after();
  }

  $('upload').addEventListener('click', () => upload('outbox', '/outbox', (r) =>
    'Outbox uploaded: ' + r.replies + ' replies, ' + r.internal + ' team notes, ' + r.purged + ' purged, '
      + r.skipped + ' skipped (mailbox gone), ' + r.duplicates + ' already uploaded.'));
  $('publish').addEventListener('click', () => upload('bundle', '/bundle', (r) => 'Team bundle version ' + r.version + ' is published.',
    checkAssets));
  $('logout').addEventListener('click', async () => {
    try { await call('/logout'); } catch (err) { /* logged out either way */ }
    token = null; showLogin(); say('Logged out.');
  });

  // ---- The asset check ------------------------------------------------------------------------

  const fill = (text, ...args) => args.reduce((t, a, i) => t.split('{' + i + '}').join(String(a)), text);
  const ASSET_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
  const FETCH = { cache: 'no-store', credentials: 'omit', redirect: 'error', referrerPolicy: 'no-referrer' };
  let checkRun = 0;

  function b64ToBytes(b64) {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function bytesToB64(bytes) {
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    return btoa(bin);
  }

  function hexToBytes(hex) {
    if (typeof hex !== 'string' || !/^([0-9a-f]{2})+$/.test(hex)) throw new Error('not hex');
    return Uint8Array.from(hex.match(/../g), (h) => parseInt(h, 16));
  }

  function concat(...parts) {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  const ascii = (s) => new TextEncoder().encode(s);
  const u16 = (n) => Uint8Array.of(n >>> 8, n & 255);
  const u32 = (n) => Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  const sha256 = async (bytes) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

  /** protocol §4: signed("bundle", deployment, payload). */
  function signedBundleBytes(deployment, payload) {
    const dep = ascii(deployment);
    return concat(ascii('klachtenbalie/v1/bundle'), Uint8Array.of(0), u16(dep.length), dep, u32(payload.length), payload);
  }

  /** The fingerprint printed on flyers: 8 groups of 4 lower-case base32 characters. */
  async function fingerprint(rootKey) {
    const h = (await sha256(concat(ascii('klachtenbalie/v1/root-fingerprint'), rootKey))).subarray(0, 20);
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    let bits = 0; let value = 0; let out = '';
    for (const b of h) {
      value = (value << 8) | b; bits += 8;
      while (bits >= 5) { out += alphabet[(value >>> (bits - 5)) & 31]; bits -= 5; }
    }
    return out.match(/.{4}/g).join('-');
  }

  /**
   * 'verified', 'bad' or 'unsupported' (a browser without Ed25519 in Web Crypto). Web Crypto's
   * Ed25519 is not the strict RFC 8032 check of the reporter client; for this tripwire that is
   * enough, the reporter client's own check is the strict one.
   */
  async function verifySignature(rootKey, deployment, payload, signature) {
    try {
      // A known valid point (the base point): if even this cannot be imported, Ed25519 is missing.
      await crypto.subtle.importKey('raw', hexToBytes('58' + '66'.repeat(31)), { name: 'Ed25519' }, false, ['verify']);
    } catch (e) {
      return 'unsupported';
    }
    try {
      const key = await crypto.subtle.importKey('raw', rootKey, { name: 'Ed25519' }, false, ['verify']);
      const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, signedBundleBytes(deployment, payload));
      return ok ? 'verified' : 'bad';
    } catch (e) {
      return 'bad';
    }
  }

  /** Fetches one served file and compares it with the signed hash; a problem text or null. */
  async function checkOne(url, label, expected) {
    let res;
    try {
      res = await fetch(url, FETCH);
    } catch (e) {
      return fill(TEXT.unreachable, label);
    }
    if (!res.ok) return fill(TEXT.missing, label, res.status);
    const got = 'sha256-' + bytesToB64(await sha256(new Uint8Array(await res.arrayBuffer())));
    return got === expected ? null : fill(TEXT.differs, label);
  }

  function showAssets(state, status, problems, advice, signatureNote) {
    $('assets').dataset.state = state;
    $('asset-status').textContent = status;
    const list = $('asset-problems');
    list.replaceChildren(...problems.map((p) => { const li = document.createElement('li'); li.textContent = p; return li; }));
    list.hidden = problems.length === 0;
    $('asset-advice').textContent = advice || '';
    $('asset-advice').hidden = !advice;
    if (signatureNote !== undefined) {
      $('asset-signature').replaceChildren();
      if (signatureNote) {
        const [before, fp, after] = signatureNote;
        const code = document.createElement('span');
        code.className = 'fingerprint';
        code.textContent = fp;
        $('asset-signature').append(before, code, after);
      }
    }
  }

  async function checkAssets() {
    const run = ++checkRun;
    const current = () => run === checkRun;
    showAssets('checking', TEXT.checking, [], '', null);
    if (!(window.crypto && crypto.subtle)) {
      showAssets('error', fill(TEXT.noBundle, TEXT.noCrypto), [], '');
      return;
    }
    let payloadBytes; let signature; let payload;
    try {
      const res = await fetch('/team-bundle.json', FETCH);
      if (res.status === 503 || res.status === 404) {
        if (current()) showAssets('error', fill(TEXT.noBundle, TEXT.noBundlePublished), [], '');
        return;
      }
      if (!res.ok) throw new Error('the server answered ' + res.status);
      const file = JSON.parse(await res.text());
      if (typeof file.payload !== 'string' || typeof file.signature !== 'string') throw new Error('not a team bundle');
      payloadBytes = b64ToBytes(file.payload);
      signature = b64ToBytes(file.signature);
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payloadBytes));
      if (!payload || typeof payload !== 'object' || typeof payload.deployment !== 'string') throw new Error('not a team bundle');
    } catch (e) {
      if (current()) showAssets('error', fill(TEXT.noBundle, fill(TEXT.unreadableBundle, e.message)), [], '');
      return;
    }

    const problems = [];
    let signatureNote = null;
    try {
      const rootKey = hexToBytes(payload.rootKey);
      if (rootKey.length !== 32) throw new Error('root key length');
      const fp = await fingerprint(rootKey);
      const verdict = await verifySignature(rootKey, payload.deployment, payloadBytes, signature);
      if (verdict === 'bad') problems.push(TEXT.badSignature);
      const text = verdict === 'unsupported' ? TEXT.unverified : TEXT.signedBy;
      const [before, after] = text.split('{0}');
      signatureNote = [before, fp, after];
    } catch (e) {
      problems.push(TEXT.badSignature);
    }

    const assets = payload.assets;
    const entries = assets && typeof assets === 'object' && !Array.isArray(assets) ? Object.entries(assets) : [];
    if (entries.length === 0 && problems.length === 0) {
      if (current()) showAssets('no-assets', TEXT.noAssets, [], '', signatureNote);
      return;
    }

    // Every listed file, from this origin, never from a cache; four at a time.
    const jobs = [];
    for (const [path, expected] of entries) {
      if (!ASSET_PATH.test(path) || path.length > 256 || path.split('/').some((s) => s === '.' || s === '..')) {
        problems.push(fill(TEXT.badPath, path));
        continue;
      }
      jobs.push(() => checkOne(location.origin + '/' + path, path, expected));
      if (path === 'index.html') {
        // What a reporter really opens is "/", not "/index.html".
        jobs.push(async () => ((await checkOne(location.origin + '/', '/', expected)) ? TEXT.startPage : null));
      }
    }
    let next = 0;
    async function worker() {
      while (next < jobs.length) {
        const problem = await jobs[next++]();
        if (problem) problems.push(problem);
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()]);
    if (!current()) return;
    if (problems.length === 0) {
      showAssets('ok', fill(TEXT.ok, entries.length), [], '', signatureNote);
    } else {
      problems.sort();
      showAssets('alarm', fill(TEXT.alarm, entries.length), problems, TEXT.alarmAdvice, signatureNote);
    }
  }

  $('asset-recheck').addEventListener('click', checkAssets);
  checkAssets();
})();
