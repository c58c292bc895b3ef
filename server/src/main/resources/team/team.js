'use strict';
// The transfer page. The session token lives only in this variable: no cookie, no storage,
// so closing the tab logs out and no other site can make the browser use it.
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

  async function upload(inputId, path, describe) {
    const file = $(inputId).files[0];
    if (!file) { say('Choose a file first.', true); return; }
    try {
      const r = await call(path, await file.arrayBuffer());
      $(inputId).value = '';
      say(describe(r));
      await refresh();
    } catch (err) { say(err.message, true); }
  }

  $('upload').addEventListener('click', () => upload('outbox', '/outbox', (r) =>
    'Outbox uploaded: ' + r.replies + ' replies, ' + r.internal + ' team notes, ' + r.purged + ' purged, '
      + r.skipped + ' skipped (mailbox gone), ' + r.duplicates + ' already uploaded.'));
  $('publish').addEventListener('click', () => upload('bundle', '/bundle', (r) => 'Team bundle version ' + r.version + ' is published.'));
  $('logout').addEventListener('click', async () => {
    try { await call('/logout'); } catch (err) { /* logged out either way */ }
    token = null; showLogin(); say('Logged out.');
  });
})();
