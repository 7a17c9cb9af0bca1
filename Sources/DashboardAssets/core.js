'use strict';
// The OpenCRVS sandbox dashboard. Every value from the sandbox is put in the page with
// textContent or as an attribute value (see el()), never parsed as HTML.
const IBOMBO_OFFICE = '9f8a0d02-dbf8-5f3f-bf64-4820fdd4fd93';
const S = {
  token: sessionStorage.getItem('sandbox.controlToken') || '',
  tokenPrompt: null,
  version: null,
  parts: {},
  lastRequestId: 0,
  requestCount: 0,
  clockOffset: null,
  current: null,
  clients: null,
  clientNames: {},
  locations: null,
  views: {},
};

function el(tag, props, ...kids) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, '');
    else node.setAttribute(key, String(value));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === null || kid === undefined || kid === false) continue;
    node.append(kid instanceof Node ? kid : String(kid));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// Replaces the children of `node` with `kids` (nested arrays flattened, empty ones skipped).
function fill(node, ...kids) {
  clear(node);
  node.append(...kids.flat(Infinity).filter((kid) => kid !== null && kid !== undefined && kid !== false));
  return node;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function api(method, path, body) {
  const headers = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (S.token) headers['Authorization'] = 'Bearer ' + S.token;
  const response = await fetch(path, {
    method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch (error) { data = text; }
  if (response.status === 403 && data && data.error === 'control-token-required') {
    if (await askToken()) return api(method, path, body);
  }
  if (!response.ok) {
    const message = data && data.message ? data.message : 'HTTP ' + response.status;
    const error = new Error(message);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  return data;
}

// GET that answers null when the route is absent (404), for routes other builders add.
async function optional(path) {
  try { return await api('GET', path); } catch (error) {
    if (error.status === 404) return null;
    throw error;
  }
}

function askToken() {
  if (!S.tokenPrompt) {
    S.tokenPrompt = openDialog({
      title: 'Control token needed',
      intro: 'This sandbox listens on a network address, so its control API needs the token given to '
        + 'opencrvs-sandbox with --control-token. It is kept for this browser tab only.',
      fields: [{ name: 'token', label: 'Control token', type: 'password', required: true }],
      confirm: 'Use this token',
    }).then((values) => {
      S.tokenPrompt = null;
      if (!values) return false;
      S.token = values.token.trim();
      sessionStorage.setItem('sandbox.controlToken', S.token);
      return true;
    });
  }
  return S.tokenPrompt;
}

// A modal dialog: resolves to {name: value} on confirm, null on cancel or Escape.
function openDialog({ title, intro, fields, confirm, danger, extra }) {
  const dialog = document.getElementById('dialog');
  const opener = document.activeElement;
  clear(dialog);
  const form = el('form', { method: 'dialog' });
  form.append(el('h2', { id: 'dialog-title', text: title }));
  if (intro) form.append(el('p', { text: intro }));
  if (extra) form.append(extra);
  const inputs = [];
  for (const field of fields || []) {
    const id = 'dialog-' + field.name;
    let input;
    if (field.type === 'select') {
      input = el('select', { id, name: field.name },
        field.options.map(([value, label]) => el('option', { value, text: label })));
    } else if (field.type === 'textarea') {
      input = el('textarea', { id, name: field.name, rows: 4, required: field.required });
    } else {
      input = el('input', {
        id, name: field.name, type: field.type || 'text', required: field.required, autocomplete: 'off',
        spellcheck: 'false',
      });
    }
    if (field.value !== undefined) input.value = field.value;
    if (field.hint) input.setAttribute('aria-describedby', id + '-hint');
    inputs.push(input);
    form.append(el('div', { class: 'field' }, el('label', { for: id, text: field.label }), input,
      field.hint ? el('div', { id: id + '-hint', class: 'muted', text: field.hint }) : null));
  }
  const cancel = el('button', { type: 'button', text: 'Cancel', onclick: () => dialog.close('') });
  const ok = el('button', { type: 'submit', value: 'ok', class: danger ? 'danger primary' : 'primary', text: confirm });
  form.append(el('div', { class: 'actions' }, cancel, ok));
  dialog.append(form);
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      const values = {};
      for (const input of inputs) values[input.name] = input.value;
      resolve(dialog.returnValue === 'ok' ? values : null);
      if (opener && opener.focus && document.contains(opener)) opener.focus();
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    // A destructive confirmation starts on Cancel, so Enter alone does no harm.
    (inputs[0] || (danger ? cancel : ok)).focus();
  });
}

function toast(message, bad) {
  const box = document.getElementById('toast');
  const item = el('div', { class: bad ? 'bad' : '', text: message });
  box.append(item);
  setTimeout(() => item.remove(), bad ? 9000 : 5000);
}

async function act(label, work) {
  try {
    const answer = await work();
    if (label) toast(label);
    return answer;
  } catch (error) {
    toast(error.message, true);
    return undefined;
  }
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (error) {
    // Plain http on a classroom address is not a secure context: fall back to a selection.
    const area = el('textarea', { class: 'visually-hidden', 'aria-hidden': 'true' });
    area.value = text;
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  toast('Copied to the clipboard');
}

function copyButton(text, what) {
  return el('button', {
    type: 'button', class: 'small', text: 'Copy', 'aria-label': 'Copy ' + what,
    onclick: () => copyText(text),
  });
}

function copyable(text, what) {
  return el('span', { class: 'copy' }, el('code', { text }), copyButton(text, what));
}

function fmtTime(iso, seconds) {
  if (!iso) return '–';
  const text = String(iso).replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace('Z', '');
  return (seconds ? text.slice(0, 19) : text.slice(0, 16)) + ' UTC';
}

function badge(text, tone) {
  return el('span', { class: 'badge b-' + (tone || 'plain'), text });
}

function statusTone(status) {
  if (status >= 500) return 'bad';
  if (status >= 400) return 'warn';
  if (status >= 200 && status < 300) return 'ok';
  return 'plain';
}

function empty(title, ...lines) {
  return el('div', { class: 'empty' }, el('p', {}, el('strong', { text: title })),
    lines.map((line) => el('p', { text: line })));
}

// Buttons in a row behaving as ARIA tabs: arrows move, Home/End jump, one tab stop.
function tabList(label, items, selected, onSelect, extraClass) {
  const list = el('div', { class: 'tabs ' + (extraClass || ''), role: 'tablist', 'aria-label': label });
  const buttons = items.map((item) => el('button', {
    type: 'button', role: 'tab', id: 'tab-' + item.id, 'aria-selected': String(item.id === selected),
    tabindex: item.id === selected ? '0' : '-1', onclick: () => onSelect(item.id),
  }, item.label, item.count === undefined ? null : el('span', { class: 'count', text: item.count })));
  list.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    let next = null;
    if (event.key === 'ArrowRight') next = (index + 1) % buttons.length;
    if (event.key === 'ArrowLeft') next = (index - 1 + buttons.length) % buttons.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = buttons.length - 1;
    if (next === null) return;
    event.preventDefault();
    buttons[next].focus();
    buttons[next].click();
  });
  list.append(...buttons);
  return list;
}

async function loadClients(force) {
  if (!S.clients || force) {
    S.clients = await api('GET', '/_sandbox/clients');
    S.clientNames = {};
    for (const client of S.clients) S.clientNames[client.clientId] = client.name;
  }
  return S.clients;
}

function clientName(clientId) {
  if (!clientId) return '–';
  return S.clientNames[clientId] || clientId;
}

async function loadLocations() {
  if (!S.locations) S.locations = await api('GET', '/_sandbox/locations');
  return S.locations;
}

// ---- Clock, large text, reset ----

function setClock(iso) {
  const instant = Date.parse(iso);
  if (!Number.isNaN(instant)) S.clockOffset = instant - Date.now();
  tickClock();
}

function tickClock() {
  if (S.clockOffset === null) return;
  const now = new Date(Date.now() + S.clockOffset).toISOString();
  document.getElementById('clock-now').textContent = fmtTime(now, true);
}

function setupHeader() {
  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', async () => {
      const seconds = Number(button.getAttribute('data-advance'));
      const answer = await act(null, () => api('POST', '/_sandbox/clock', { advanceSeconds: seconds }));
      if (answer) { setClock(answer.now); toast('Sandbox time is now ' + fmtTime(answer.now, true)); }
    });
  }
  document.getElementById('clock-set').addEventListener('click', async () => {
    const now = new Date(Date.now() + (S.clockOffset || 0)).toISOString().replace(/\.\d+Z$/, 'Z');
    const values = await openDialog({
      title: 'Set the sandbox time', confirm: 'Set time',
      fields: [{ name: 'set', label: 'New time (ISO 8601, UTC)', value: now, required: true,
        hint: 'For example 2025-01-31T09:00:00Z. Tokens and records use this clock.' }],
    });
    if (!values) return;
    const answer = await act(null, () => api('POST', '/_sandbox/clock', { set: values.set.trim() }));
    if (answer) { setClock(answer.now); toast('Sandbox time is now ' + fmtTime(answer.now, true)); }
  });
  const large = document.getElementById('large-text');
  const applyLarge = (on) => {
    document.documentElement.classList.toggle('large', on);
    large.setAttribute('aria-pressed', String(on));
    localStorage.setItem('sandbox.largeText', on ? '1' : '0');
  };
  applyLarge(localStorage.getItem('sandbox.largeText') === '1');
  large.addEventListener('click', () => applyLarge(!document.documentElement.classList.contains('large')));
  document.getElementById('reset').addEventListener('click', async () => {
    const values = await openDialog({
      title: 'Reset the sandbox?', danger: true, confirm: 'Reset everything',
      intro: 'This empties the journal and brings back the seeded records, clients, clock and scenarios. '
        + 'Records filed, subscriptions and deliveries made since the start are removed.',
    });
    if (!values) return;
    if (await act('The sandbox is back to its seeded state', () => api('POST', '/_sandbox/reset'))) {
      S.clients = null;
      S.views.requests && S.views.requests.forget();
      render();
    }
  });
  setInterval(tickClock, 1000);
}

// ---- Live updates: long polling GET /_sandbox/changes ----

function setLive(on, text) {
  const live = document.getElementById('live');
  live.classList.toggle('off', !on);
  live.textContent = text;
}

async function liveLoop() {
  for (;;) {
    let answer;
    try {
      const query = S.version === null ? '' : '?since=' + S.version + '&within=25000';
      answer = await api('GET', '/_sandbox/changes' + query);
      setLive(true, 'live');
    } catch (error) {
      setLive(false, 'reconnecting…');
      await sleep(2000);
      continue;
    }
    setClock(answer.now);
    const first = S.version === null;
    const changed = new Set(Object.keys(answer.parts).filter((part) => S.parts[part] !== answer.parts[part]));
    const journalShrank = answer.requestCount < S.requestCount;
    S.version = answer.version;
    S.parts = answer.parts;
    S.lastRequestId = answer.lastRequestId;
    S.requestCount = answer.requestCount;
    if (journalShrank) changed.add('journal-emptied');
    if (changed.has('clients')) S.clients = null;
    if (!first && changed.size && S.current && S.current.refresh) {
      try { await S.current.refresh(changed); } catch (error) { toast(error.message, true); }
    }
  }
}

// ---- Views and the hash router ----

function route() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const name = S.views[parts[0]] ? parts[0] : 'workqueue';
  return { name, arg: parts.slice(1).join('/') || null };
}

async function render() {
  const { name, arg } = route();
  const main = document.getElementById('main');
  const navName = name === 'record' ? 'workqueue' : name;
  for (const link of document.querySelectorAll('nav.views a')) {
    if (link.getAttribute('data-view') === navName) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (S.current && S.current.name === name && S.current.update) {
    try { await S.current.update(arg); } catch (error) { toast(error.message, true); }
    return;
  }
  clear(main);
  const view = S.views[name];
  S.current = { name };
  document.title = view.title + ' · OpenCRVS sandbox';
  try {
    const handle = await view.open(main, arg);
    if (S.current && S.current.name === name) Object.assign(S.current, handle || {});
  } catch (error) {
    main.append(empty('This view could not load', error.message));
  }
}

function start() {
  setupHeader();
  window.addEventListener('hashchange', () => {
    render();
    if (!location.hash.startsWith('#/requests/')) document.getElementById('main').focus({ preventScroll: true });
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && document.activeElement && document.activeElement.closest('.json')) {
      document.getElementById('main').focus();
    }
  });
  render();
  liveLoop();
}
