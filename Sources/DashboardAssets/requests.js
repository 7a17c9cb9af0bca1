// ---- Collapsible JSON, each node carrying its JSON Pointer ----

function pointerToken(key) {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function jsonTree(value, openDepth) {
  const root = el('div', { class: 'json' });
  root.append(jsonNode(value, '', null, 0, openDepth === undefined ? 2 : openDepth));
  return root;
}

function jsonLeaf(value) {
  if (value === null) return el('span', { class: 'l', text: 'null' });
  if (typeof value === 'string') return el('span', { class: 's', text: JSON.stringify(value) });
  if (typeof value === 'number') return el('span', { class: 'n', text: String(value) });
  return el('span', { class: 'l', text: String(value) });
}

function jsonNode(value, pointer, key, depth, openDepth) {
  const label = key === null ? null : el('span', { class: 'k', text: JSON.stringify(String(key)) + ': ' });
  if (value === null || typeof value !== 'object') {
    return el('div', { class: 'leaf', 'data-pointer': pointer, tabindex: '-1' }, label, jsonLeaf(value));
  }
  const isArray = Array.isArray(value);
  const entries = isArray ? value.map((item, index) => [index, item]) : Object.entries(value);
  const plural = (count, word) => count + ' ' + word + (count === 1 ? '' : 's');
  let hint = isArray ? '[ ' + plural(entries.length, 'item') + ' ]' : '{ ' + plural(entries.length, 'key') + ' }';
  if (!isArray && typeof value.resourceType === 'string') {
    hint = '{ ' + value.resourceType + (typeof value.id === 'string' ? ' ' + value.id : '') + ' }';
  } else if (!isArray && value.resource && typeof value.resource.resourceType === 'string') {
    hint = '{ ' + value.resource.resourceType + ' }';
  }
  const details = el('details', { 'data-pointer': pointer, tabindex: '-1' });
  if (depth < openDepth) details.open = true;
  details.append(el('summary', {}, label, el('span', { class: 'hint', text: hint })));
  // Children are built when first opened, so large bundles stay quick.
  const build = () => {
    if (details.dataset.filled) return;
    details.dataset.filled = '1';
    const kids = el('div', { class: 'kids' });
    for (const [childKey, child] of entries) {
      kids.append(jsonNode(child, pointer + '/' + pointerToken(childKey), childKey, depth + 1, openDepth));
    }
    details.append(kids);
  };
  if (details.open) build();
  details.addEventListener('toggle', build);
  details.fill = build;
  return details;
}

function setAllOpen(tree, open) {
  for (let round = 0; round < 12; round += 1) {
    let filled = false;
    for (const details of tree.querySelectorAll('details')) {
      if (open && !details.dataset.filled) { details.fill(); filled = true; }
      details.open = open;
    }
    if (!filled) break;
  }
}

// Finds the node at `pointer` (building closed branches on the way); answers it, or the nearest
// existing ancestor with exact = false.
function findPointer(tree, pointer) {
  const tokens = pointer === '' ? [] : pointer.split('/').slice(1);
  let node = tree.firstChild;
  let path = '';
  for (const token of tokens) {
    if (node.tagName !== 'DETAILS') return { node, exact: false };
    node.fill();
    const wanted = path + '/' + token;
    const kids = node.querySelector(':scope > .kids');
    const next = kids && Array.from(kids.children).find((child) => child.getAttribute('data-pointer') === wanted);
    if (!next) return { node, exact: false };
    node = next;
    path = wanted;
  }
  return { node, exact: true };
}

function showPointer(tree, pointer, focus) {
  const { node, exact } = findPointer(tree, pointer);
  for (let up = node; up && up !== tree; up = up.parentElement) {
    if (up.tagName === 'DETAILS') { up.fill(); up.open = true; }
  }
  const target = node.tagName === 'DETAILS' ? node.querySelector(':scope > summary') : node;
  target.classList.add(exact ? 'hl' : 'hl-warn');
  if (focus) {
    node.scrollIntoView({ block: 'center', behavior: 'smooth' });
    node.focus({ preventScroll: true });
  }
  return exact;
}

function headerTable(headers) {
  const rows = Object.entries(headers || {}).map(([name, value]) =>
    el('tr', {}, el('th', { scope: 'row', class: 'mono', text: name }),
      el('td', { class: 'mono', text: Array.isArray(value) ? value.join(', ') : String(value) })));
  return el('details', {}, el('summary', { text: 'Headers (' + rows.length + ')' }),
    el('table', {}, el('tbody', {}, rows)));
}

function bodyView(body, openDepth) {
  if (body === null || body === undefined) return { node: el('p', { class: 'muted', text: 'No body' }), tree: null };
  if (typeof body === 'string') return { node: el('pre', { class: 'json leaf', text: body }), tree: null };
  const tree = jsonTree(body, openDepth);
  const tools = el('div', { class: 'row' },
    el('button', { type: 'button', class: 'small', text: 'Expand all', onclick: () => setAllOpen(tree, true) }),
    el('button', { type: 'button', class: 'small', text: 'Collapse all', onclick: () => setAllOpen(tree, false) }));
  return { node: el('div', {}, tools, tree), tree };
}

// ---- Requests: the journal, newest first ----

S.views.requests = {
  title: 'Requests',
  exchanges: [],
  forget() { this.exchanges = []; },
  async fetchNew() {
    const newest = this.exchanges.length ? Number(this.exchanges[this.exchanges.length - 1].id) : null;
    const after = newest === null ? Math.max(0, S.lastRequestId - 300) : newest;
    const answer = await api('GET', '/_sandbox/requests?after=' + after + '&limit=500');
    this.exchanges = this.exchanges.concat(answer.requests).slice(-500);
    return answer.requests.map((exchange) => exchange.id);
  },
  async open(main, arg) {
    const view = this;
    await loadClients();
    if (S.lastRequestId === 0) {
      const changes = await api('GET', '/_sandbox/changes');
      S.lastRequestId = changes.lastRequestId;
    }
    await view.fetchNew();
    const path = el('input', { id: 'f-path', type: 'search', placeholder: '/notification or /location*' });
    const client = el('select', { id: 'f-client' });
    const status = el('select', { id: 'f-status' });
    const list = el('div', { class: 'scroll' });
    const detail = el('div', { id: 'request-detail', 'aria-live': 'polite' });
    let selected = arg;
    let fresh = new Set();
    const fillSelects = () => {
      const keepClient = client.value;
      fill(client, el('option', { value: '', text: 'Any client' }),
        el('option', { value: '-', text: 'No client (no valid token)' }),
        (S.clients || []).map((item) => el('option', { value: item.clientId, text: item.name })));
      client.value = keepClient;
      const keepStatus = status.value;
      const seen = Array.from(new Set(view.exchanges.map((item) => item.response.status))).sort();
      fill(status, el('option', { value: '', text: 'Any status' }),
        el('option', { value: '2xx', text: 'Success (2xx)' }), el('option', { value: '4xx', text: 'Refused (4xx)' }),
        el('option', { value: '5xx', text: 'Server error (5xx)' }),
        seen.map((code) => el('option', { value: String(code), text: String(code) })));
      status.value = Array.from(status.options).some((option) => option.value === keepStatus) ? keepStatus : '';
    };
    const matches = (exchange) => {
      const wantedPath = path.value.trim();
      if (wantedPath) {
        const bare = exchange.path.replace(/^\/v1(?=\/)/, '');
        const test = (candidate) => wantedPath.endsWith('*')
          ? candidate.startsWith(wantedPath.slice(0, -1)) : candidate === wantedPath || candidate.includes(wantedPath);
        if (!test(exchange.path) && !test(bare)) return false;
      }
      if (client.value === '-' && exchange.clientId) return false;
      if (client.value && client.value !== '-' && exchange.clientId !== client.value) return false;
      const code = exchange.response.status;
      if (status.value.endsWith('xx')) return Math.floor(code / 100) === Number(status.value[0]);
      if (status.value) return code === Number(status.value);
      return true;
    };
    const drawList = () => {
      const shown = view.exchanges.filter(matches).reverse();
      clear(list);
      if (!view.exchanges.length) {
        list.append(empty('No requests yet',
          'Requests your integration sends to this sandbox (tokens, notifications, searches, webhooks) appear '
          + 'here as they arrive. Dashboard actions are not recorded.'));
        return;
      }
      if (!shown.length) { list.append(empty('No request matches these filters')); return; }
      const rows = shown.map((exchange) => {
        const errors = exchange.problems.filter((problem) => problem.severity === 'error').length;
        const warnings = exchange.problems.length - errors;
        const row = el('tr', { class: (exchange.id === selected ? 'selected ' : '') + (fresh.has(exchange.id) ? 'fresh' : '') },
          el('td', { class: 'mono', text: exchange.id }),
          el('td', { class: 'nowrap', text: fmtTime(exchange.receivedAt, true).slice(11, 19) }),
          el('td', {}, el('a', {
            class: 'mono', href: '#/requests/' + encodeURIComponent(exchange.id), text: exchange.method + ' ' + exchange.path,
            'aria-current': exchange.id === selected ? 'true' : null,
          }), errors || warnings ? el('div', {},
            errors ? badge(errors + (errors === 1 ? ' error' : ' errors'), 'bad') : null, ' ',
            warnings ? badge(warnings + (warnings === 1 ? ' warning' : ' warnings'), 'warn') : null) : null),
          el('td', {}, badge(String(exchange.response.status), statusTone(exchange.response.status))),
          el('td', { text: clientName(exchange.clientId) }));
        return row;
      });
      list.append(el('table', {},
        el('caption', { class: 'visually-hidden', text: 'Requests, newest first' }),
        el('thead', {}, el('tr', {}, ['#', 'UTC', 'Request', 'Status', 'Client']
          .map((title) => el('th', { scope: 'col', text: title })))),
        el('tbody', {}, rows)));
    };
    const drawDetail = async () => {
      clear(detail);
      if (!selected) {
        detail.append(empty('Choose a request', 'Its request and response open here, with each problem '
          + 'pointing at the place in the body it is about.'));
        return;
      }
      let exchange;
      try { exchange = await api('GET', '/_sandbox/requests/' + encodeURIComponent(selected)); } catch (error) {
        detail.append(empty('Request ' + selected + ' is no longer in the journal', error.message));
        return;
      }
      detail.append(exchangeDetail(exchange));
    };
    path.addEventListener('input', drawList);
    client.addEventListener('change', drawList);
    status.addEventListener('change', drawList);
    main.append(el('h2', { text: 'Requests' }),
      el('p', { class: 'muted', text: 'Everything integrators sent to the OpenCRVS routes, newest first. '
        + 'Problems explain what the real OpenCRVS would refuse or misfile.' }),
      el('div', { class: 'card' }, el('div', { class: 'row' },
        el('div', { class: 'grow' }, el('label', { for: 'f-path', text: 'Path' }), path),
        el('div', {}, el('label', { for: 'f-client', text: 'Client' }), client),
        el('div', {}, el('label', { for: 'f-status', text: 'Status' }), status),
        el('button', { type: 'button', class: 'danger', text: 'Empty the journal…', onclick: async () => {
          const ok = await openDialog({ title: 'Empty the journal?', danger: true, confirm: 'Empty it',
            intro: 'Every recorded request is removed. Records and clients stay as they are.' });
          if (ok && await act('The journal is empty', () => api('DELETE', '/_sandbox/requests'))) {
            view.forget(); selected = null; drawList(); drawDetail();
          }
        } }))),
      el('div', { class: 'split even' }, el('section', { 'aria-label': 'Request list' }, list),
        el('section', { 'aria-label': 'Request detail' }, detail)));
    fillSelects();
    drawList();
    drawDetail();
    return {
      async update(newArg) {
        selected = newArg;
        drawList();
        await drawDetail();
      },
      async refresh(changed) {
        if (changed.has('journal-emptied')) view.forget();
        if (changed.has('clients')) await loadClients(true);
        if (changed.has('journal') || changed.has('journal-emptied')) {
          fresh = new Set(await view.fetchNew());
          fillSelects();
          drawList();
        }
      },
    };
  },
};

function exchangeDetail(exchange) {
  const requestBody = bodyView(exchange.body, 2);
  const responseBody = bodyView(exchange.response.body, 2);
  const problems = exchange.problems.map((problem) => {
    let show = null;
    if (problem.path !== null && requestBody.tree) {
      show = el('button', { type: 'button', class: 'small', text: 'Show in the request body', onclick: () => {
        const exact = showPointer(requestBody.tree, problem.path, true);
        if (!exact) toast('Nothing is at ' + problem.path + ': the nearest existing part is highlighted');
      } });
    }
    return el('li', { class: problem.severity },
      el('div', {}, badge(problem.severity, problem.severity === 'error' ? 'bad' : 'warn'), ' ',
        el('code', { text: problem.code })),
      el('div', { text: problem.message }),
      problem.path !== null ? el('div', {}, el('span', { class: 'muted', text: 'at ' }),
        el('code', { text: problem.path || '(the whole body)' }), ' ', show) : null);
  });
  for (const problem of exchange.problems) {
    if (problem.path !== null && requestBody.tree) showPointer(requestBody.tree, problem.path, false);
  }
  const query = Object.entries(exchange.query || {});
  return el('div', { class: 'card' },
    el('h3', {}, el('span', { class: 'mono', text: exchange.method + ' ' + exchange.path }), ' ',
      badge(String(exchange.response.status), statusTone(exchange.response.status))),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Request' }), el('dd', { class: 'mono', text: '#' + exchange.id }),
      el('dt', { text: 'Received' }), el('dd', { text: fmtTime(exchange.receivedAt, true) }),
      el('dt', { text: 'Client' }), el('dd', { text: clientName(exchange.clientId) }),
      exchange.scenario ? [el('dt', { text: 'Scenario' }), el('dd', { text: exchange.scenario })] : null),
    problems.length ? [el('h3', { text: 'Problems (' + problems.length + ')' }), el('ul', { class: 'problems' }, problems)]
      : el('p', {}, badge('No problems', 'ok')),
    el('h3', { text: 'Request' }),
    query.length ? el('table', {}, el('caption', { class: 'visually-hidden', text: 'Query parameters' }),
      el('tbody', {}, query.map(([name, value]) => el('tr', {},
        el('th', { scope: 'row', class: 'mono', text: name }),
        el('td', { class: 'mono', text: Array.isArray(value) ? value.join(', ') : String(value) }))))) : null,
    headerTable(exchange.headers), requestBody.node,
    el('h3', { text: 'Response' }), headerTable(exchange.response.headers), responseBody.node);
}
