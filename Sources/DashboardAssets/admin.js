// ---- Clients ----

const CLIENT_TYPES = ['HEALTH', 'NATIONAL_ID', 'RECORD_SEARCH', 'WEBHOOK'];

S.views.clients = {
  title: 'Clients',
  async open(main) {
    const list = el('div', {});
    const name = el('input', { id: 'new-client-name', required: true, autocomplete: 'off' });
    const type = el('select', { id: 'new-client-type' }, CLIENT_TYPES.map((kind) => el('option', { value: kind, text: kind })));
    const form = el('form', { class: 'card', onsubmit: async (event) => {
      event.preventDefault();
      const created = await act(null, () => api('POST', '/_sandbox/clients', { name: name.value.trim(), type: type.value }));
      if (created) { toast('Created ' + created.name); name.value = ''; await draw(true); }
    } }, el('h3', { text: 'Create a client' }), el('div', { class: 'row' },
      el('div', { class: 'grow' }, el('label', { for: 'new-client-name', text: 'Name' }), name),
      el('div', {}, el('label', { for: 'new-client-type', text: 'Type' }), type),
      el('button', { type: 'submit', class: 'primary', text: 'Create client' })));
    const draw = async (force) => {
      const clients = await loadClients(force);
      fill(list, clients.map((client) => clientCard(client, () => draw(true))));
    };
    main.append(el('h2', { text: 'Clients' }),
      el('p', { class: 'muted', text: 'The API clients integrators authenticate as. Copy the credentials, or the '
        + 'curl command that gets a token from this sandbox.' }), form, list);
    await draw(false);
    return { async refresh(changed) { if (changed.has('clients')) await draw(true); } };
  },
};

function clientCard(client, redraw) {
  const active = client.status === 'active';
  const curl = 'curl -X POST "' + location.origin + '/token?grant_type=client_credentials&client_id='
    + encodeURIComponent(client.clientId) + '&client_secret=' + encodeURIComponent(client.clientSecret) + '"';
  const change = (action, done) => act(done, () => api('POST', '/_sandbox/clients/'
    + encodeURIComponent(client.clientId) + '/' + action)).then((answer) => answer && redraw());
  return el('section', { class: 'card', 'aria-label': client.name },
    el('div', { class: 'row' }, el('h3', { class: 'grow', text: client.name }), badge(client.type, 'info'),
      badge(client.status, active ? 'ok' : 'bad')),
    el('dl', { class: 'facts' },
      el('dt', { text: 'Client ID' }), el('dd', {}, copyable(client.clientId, client.name + ' client ID')),
      el('dt', { text: 'Client secret' }), el('dd', {}, copyable(client.clientSecret, client.name + ' client secret')),
      el('dt', { text: 'SHA secret' }), el('dd', {}, copyable(client.shaSecret, client.name + ' SHA secret')),
      el('dt', { text: 'System ID' }), el('dd', {}, copyable(client.systemId, client.name + ' system ID')),
      el('dt', { text: 'Scope' }), el('dd', { class: 'mono', text: (client.scope || []).join(' ') || '–' })),
    el('h4', { text: 'Get a token' }),
    el('pre', { class: 'cmd', text: curl }),
    el('div', { class: 'row' }, el('button', { type: 'button', text: 'Copy the curl command',
      'aria-label': 'Copy the curl command for ' + client.name, onclick: () => copyText(curl) }),
      active ? el('button', { type: 'button', class: 'danger', text: 'Deactivate',
        onclick: () => change('deactivate', client.name + ' is deactivated: its tokens are refused') })
        : el('button', { type: 'button', text: 'Activate', onclick: () => change('activate', client.name + ' is active') }),
      el('button', { type: 'button', text: 'Refresh secret…', onclick: async () => {
        const ok = await openDialog({ title: 'New secret for ' + client.name + '?', confirm: 'Refresh secret',
          intro: 'The old secret stops working at once; integrations using it must be given the new one.' });
        if (ok) await change('refresh-secret', 'New secret for ' + client.name);
      } })));
}

// ---- Locations ----

const LOCATION_TYPES = { ADMIN_STRUCTURE: 'Area', CRVS_OFFICE: 'Office', HEALTH_FACILITY: 'Health facility' };

function markMatch(text, query) {
  const index = query ? text.toLowerCase().indexOf(query) : -1;
  if (index < 0) return [text];
  return [text.slice(0, index), el('mark', { text: text.slice(index, index + query.length) }),
    text.slice(index + query.length)];
}

S.views.locations = {
  title: 'Locations',
  async open(main) {
    const all = await loadLocations();
    const byParent = new Map();
    const ids = new Set(all.map((item) => item.id));
    for (const item of all) {
      const parent = item.parentId && ids.has(item.parentId) ? item.parentId : null;
      if (!byParent.has(parent)) byParent.set(parent, []);
      byParent.get(parent).push(item);
    }
    const order = { ADMIN_STRUCTURE: 0, CRVS_OFFICE: 1, HEALTH_FACILITY: 2 };
    for (const kids of byParent.values()) {
      kids.sort((a, b) => (order[a.type] - order[b.type]) || a.name.localeCompare(b.name));
    }
    const search = el('input', { id: 'location-search', type: 'search', autocomplete: 'off',
      placeholder: 'Ibombo, CRVS_OFFICE, oEBf29y8JP8…' });
    const summary = el('p', { class: 'muted', 'aria-live': 'polite' });
    const tree = el('div', { class: 'tree card' });
    const matches = (item, query) => !query || [item.name, item.id, item.statisticalCode, item.identifier, item.type]
      .some((text) => String(text || '').toLowerCase().includes(query));
    const node = (item, query, visible) => {
      const kids = (byParent.get(item.id) || []).filter((kid) => visible.has(kid.id));
      const kind = item.type === 'ADMIN_STRUCTURE' ? (item.jurisdictionType || 'Area').replace('_', ' ').toLowerCase()
        : LOCATION_TYPES[item.type] || item.type;
      const line = el('span', { class: 'node' }, el('strong', {}, markMatch(item.name, query)),
        badge(kind, item.type === 'CRVS_OFFICE' ? 'info' : item.type === 'HEALTH_FACILITY' ? 'ok' : 'plain'),
        el('span', { class: 'muted' }, 'code ', el('code', {}, markMatch(item.statisticalCode, query))),
        el('span', { class: 'copy' }, el('code', {}, markMatch(item.id, query)), copyButton(item.id, item.name + ' id')),
        item.status !== 'active' ? badge(item.status, 'warn') : null);
      if (!kids.length) return el('li', {}, line);
      line.append(el('span', { class: 'muted', text: '(' + kids.length + ' inside)' }));
      const details = el('details', {}, el('summary', {}, line),
        el('ul', {}, kids.map((kid) => node(kid, query, visible))));
      details.open = Boolean(query) || item.jurisdictionType === 'STATE';
      return el('li', {}, details);
    };
    const draw = () => {
      const query = search.value.trim().toLowerCase();
      const visible = new Set();
      for (const item of all) {
        if (!matches(item, query)) continue;
        for (let up = item; up && !visible.has(up.id); up = all.find((other) => other.id === up.parentId)) {
          visible.add(up.id);
        }
      }
      const counts = all.filter((item) => matches(item, query)).reduce((acc, item) => {
        acc[item.type] = (acc[item.type] || 0) + 1; return acc;
      }, {});
      const plural = (count, one, many) => (count || 0) + ' ' + (count === 1 ? one : many);
      summary.textContent = (query ? 'Matching: ' : '') + plural(counts.ADMIN_STRUCTURE, 'area', 'areas') + ', '
        + plural(counts.CRVS_OFFICE, 'office', 'offices') + ', '
        + plural(counts.HEALTH_FACILITY, 'health facility', 'health facilities');
      const roots = (byParent.get(null) || []).filter((item) => visible.has(item.id));
      fill(tree, roots.length ? el('ul', {}, roots.map((item) => node(item, query, visible)))
        : empty('No location matches “' + search.value.trim() + '”'));
    };
    let timer = null;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(draw, 150); });
    main.append(el('h2', { text: 'Locations' }),
      el('p', { class: 'muted', text: 'States, districts, CRVS offices and health facilities, with the ids '
        + 'notifications must use (Location/<id>) and their statistical codes.' }),
      el('div', { class: 'row' }, el('div', { class: 'grow' },
        el('label', { for: 'location-search', text: 'Search by name, id or code' }), search),
      el('button', { type: 'button', text: 'Expand all', onclick: () => tree.querySelectorAll('details')
        .forEach((details) => { details.open = true; }) }),
      el('button', { type: 'button', text: 'Collapse all', onclick: () => tree.querySelectorAll('details')
        .forEach((details) => { details.open = false; }) })),
      summary, tree);
    draw();
    return {};
  },
};

// ---- Scenarios ----

S.views.scenarios = {
  title: 'Scenarios',
  results: {},
  async open(main) {
    const view = this;
    const list = el('div', {});
    const draw = async () => {
      const scenarios = await api('GET', '/_sandbox/scenarios');
      const focusedId = document.activeElement && document.activeElement.id;
      fill(list, scenarios.map((scenario) => scenarioCard(scenario, view, draw)));
      if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
    };
    const fault = el('textarea', { id: 'fault-json', rows: 4,
      placeholder: '{"match": {"path": "/notification"}, "respond": {"status": 503}}' });
    main.append(el('h2', { text: 'Scenarios' }),
      el('p', { class: 'muted', text: 'Activate a scenario to make the sandbox misbehave as described (its faults), '
        + 'or play its steps: the sandbox acts as a client against itself, so the steps show in Requests.' }),
      el('div', { class: 'card' }, el('label', { class: 'check' },
        el('input', { type: 'checkbox', id: 'reset-before-play', checked: true }),
        ' Reset the sandbox before playing a scenario'),
        el('p', { class: 'muted', text: 'As opencrvs-sandbox run does: scenarios count on a fresh sandbox (their '
          + 'journal checks fail when earlier requests are there). Untick to play on top of the current state.' })),
      el('details', { class: 'card' }, el('summary', {}, el('strong', { text: 'Ad-hoc faults' })),
        el('label', { for: 'fault-json', text: 'One fault, as in a scenario file’s "faults" list' }), fault,
        el('div', { class: 'row' },
          el('button', { type: 'button', class: 'primary', text: 'Add fault', onclick: async () => {
            let body;
            try { body = JSON.parse(fault.value); } catch (error) { toast('Not JSON: ' + error.message, true); return; }
            if (await act('Fault added', () => api('POST', '/_sandbox/faults', body))) await draw();
          } }),
          el('button', { type: 'button', class: 'danger', text: 'Remove all ad-hoc faults', onclick: async () => {
            const answer = await act(null, () => api('DELETE', '/_sandbox/faults'));
            if (answer) { toast('Removed ' + answer.deleted + ' ad-hoc fault(s)'); await draw(); }
          } }))),
      list);
    await draw();
    return { async refresh(changed) { if (changed.has('scenarios')) await draw(); } };
  },
};

function scenarioCard(scenario, view, redraw) {
  const slug = scenario.name.replace(/[^A-Za-z0-9-]/g, '_');
  const results = el('div', { id: 'run-' + slug, 'aria-live': 'polite' });
  if (view.results[scenario.name]) results.append(runResults(view.results[scenario.name]));
  const toggle = scenario.faults ? el('button', {
    type: 'button', id: 'toggle-' + slug, class: scenario.active ? 'danger' : '',
    text: scenario.active ? 'Deactivate' : 'Activate',
    onclick: async () => {
      const method = scenario.active ? 'DELETE' : 'POST';
      const done = scenario.name + (scenario.active ? ' deactivated' : ' activated');
      if (await act(done, () => api(method, '/_sandbox/scenarios/' + encodeURIComponent(scenario.name)))) await redraw();
    },
  }) : null;
  const play = scenario.steps ? el('button', {
    type: 'button', id: 'play-' + slug, class: 'primary', text: 'Play ' + scenario.steps + ' step' + (scenario.steps === 1 ? '' : 's'),
    onclick: async (event) => {
      const button = event.currentTarget;
      button.disabled = true;
      fill(results, el('p', { class: 'pending', text: 'Playing ' + scenario.steps + ' steps against this sandbox…' }));
      try {
        const reset = document.getElementById('reset-before-play').checked;
        const run = await api('POST', '/_sandbox/scenarios/' + encodeURIComponent(scenario.name)
          + '/run?baseUrl=' + encodeURIComponent(location.origin) + (reset ? '&reset=true' : ''));
        view.results[scenario.name] = run;
        fill(results, runResults(run));
      } catch (error) {
        fill(results, el('p', { class: 'fail', text: 'Could not play it: ' + error.message }));
      }
      button.disabled = false;
    },
  }) : null;
  return el('section', { class: 'card', 'aria-label': scenario.name },
    el('div', { class: 'row' }, el('h3', { class: 'grow mono', text: scenario.name }),
      scenario.active ? badge('active', 'ok') : null,
      badge(scenario.faults + ' fault' + (scenario.faults === 1 ? '' : 's'), 'plain'),
      badge(scenario.steps + ' step' + (scenario.steps === 1 ? '' : 's'), 'plain')),
    el('p', { text: scenario.description }),
    el('div', { class: 'row' }, toggle, play), results);
}

function runResults(run) {
  return el('div', {},
    el('p', {}, badge(run.failed ? run.failed + ' failed' : 'all passed', run.failed ? 'bad' : 'ok'), ' ',
      run.passed + ' passed, ' + run.failed + ' failed in ' + run.seconds + ' s. ',
      el('a', { href: '#/requests', text: 'See the requests' })),
    el('ol', { class: 'steps' }, run.steps.map((step) => el('li', {},
      el('span', { class: 'mark ' + (step.passed ? 'pass' : 'fail'), 'aria-hidden': 'true', text: step.passed ? '✓' : '✗' }),
      el('strong', { text: step.name }), ' ',
      el('span', { class: 'visually-hidden', text: step.passed ? 'passed' : 'failed' }),
      badge(step.status === null ? 'no answer' : String(step.status), step.status === null ? 'bad' : statusTone(step.status)),
      el('span', { class: 'muted', text: ' ' + step.milliseconds + ' ms' }),
      step.failures.length ? el('ul', {}, step.failures.map((failure) => el('li', { class: 'fail', text: failure }))) : null,
      step.responseBody ? el('details', {}, el('summary', { text: 'Response body' }),
        el('pre', { class: 'json leaf', text: step.responseBody })) : null))));
}

// ---- Webhooks ----

S.views.webhooks = {
  title: 'Webhooks',
  async open(main) {
    const body = el('div', {});
    main.append(el('h2', { text: 'Webhooks' }),
      el('p', { class: 'muted', text: 'Subscriptions made with POST /webhooks and every delivery the sandbox sent, '
        + 'with its signature and what the callback answered.' }), body);
    const draw = async () => {
      await loadClients();
      const [subscriptions, deliveries] = await Promise.all([
        optional('/_sandbox/webhooks/subscriptions'), optional('/_sandbox/webhooks/deliveries')]);
      clear(body);
      if (subscriptions === null && deliveries === null) {
        body.append(empty('Webhooks are not available in this build',
          'GET /_sandbox/webhooks/subscriptions and /_sandbox/webhooks/deliveries answered 404, so this sandbox '
          + 'does not keep webhook subscriptions yet. Everything else works; this view fills in once they do.'));
        return;
      }
      body.append(el('h3', { text: 'Subscriptions' }), subscriptions === null
        ? el('p', { class: 'muted', text: 'GET /_sandbox/webhooks/subscriptions answered 404 in this build.' })
        : subscriptions.length ? el('div', { class: 'scroll' }, el('table', {},
          el('thead', {}, el('tr', {}, ['Id', 'Topic', 'Callback', 'Created', 'By'].map((title) => el('th', { scope: 'col', text: title })))),
          el('tbody', {}, subscriptions.map((subscription) => el('tr', {},
            el('td', {}, copyable(String(subscription.id), 'subscription id')),
            el('td', { class: 'mono', text: subscription.topic }),
            el('td', { class: 'mono', text: subscription.callback }),
            el('td', { class: 'nowrap', text: String(subscription.createdAt || '–') }),
            el('td', { text: subscriptionOwner(subscription.createdBy) }))))))
          : empty('No subscriptions', 'A WEBHOOK client subscribes with POST /webhooks '
            + '{"hub": {"callback": …, "mode": "subscribe", "secret": …, "topic": "BIRTH_REGISTERED"}}.'));
      body.append(el('h3', { text: 'Deliveries' }), deliveries === null
        ? el('p', { class: 'muted', text: 'GET /_sandbox/webhooks/deliveries answered 404 in this build.' })
        : deliveries.length ? deliveriesTable(deliveries.slice().reverse(), true)
          : empty('No deliveries yet', 'Register a record (Workqueue → open it → Register) while a subscription '
            + 'exists, and the delivery shows here.'));
    };
    await draw();
    return { async refresh(changed) { if (changed.has('webhooks') || changed.has('clients')) await draw(); } };
  },
};

function subscriptionOwner(createdBy) {
  if (!createdBy || typeof createdBy !== 'object') return createdBy ? String(createdBy) : '–';
  const id = createdBy.client_id || createdBy.clientId;
  if (id && S.clientNames[id]) return S.clientNames[id];
  return createdBy.name || createdBy.username || id || JSON.stringify(createdBy);
}

start();
