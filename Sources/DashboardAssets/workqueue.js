// ---- Workqueue: the OpenCRVS office home ----

const WORKQUEUE_TABS = [
  { id: 'in-progress', label: 'In progress', queues: ['Health system', 'Field agents'] },
  { id: 'ready-for-review', label: 'Ready for review', queues: ['Ready for review'] },
  { id: 'requires-updates', label: 'Requires updates', queues: ['Requires updates'] },
  { id: 'external-validation', label: 'In external validation', queues: ['In external validation'] },
  { id: 'ready-to-print', label: 'Ready to print', queues: ['Ready to print'] },
  { id: 'ready-to-issue', label: 'Ready to issue', queues: ['Ready to issue'] },
];

const EVENT_LABELS = { birth: 'Birth', death: 'Death', marriage: 'Marriage' };

S.views.workqueue = {
  title: 'Workqueue',
  tab: 'in-progress',
  queue: 'Health system',
  async open(main) {
    const view = this;
    const offices = (await loadLocations()).filter((item) => item.type === 'CRVS_OFFICE')
      .sort((a, b) => a.name.localeCompare(b.name));
    let officeId = localStorage.getItem('sandbox.office') || IBOMBO_OFFICE;
    if (!offices.some((office) => office.id === officeId)) officeId = offices.length ? offices[0].id : '';
    const select = el('select', { id: 'office' },
      offices.map((office) => el('option', { value: office.id, text: office.name })));
    select.value = officeId;
    const heading = el('h2', {});
    const tabs = el('div', {});
    const panel = el('div', { id: 'wq-panel', role: 'tabpanel' });
    let data = null;
    let seen = null;
    const draw = (fresh) => {
      const officeName = data.officeName || '';
      heading.textContent = 'Workqueue · ' + officeName;
      const tab = WORKQUEUE_TABS.find((item) => item.id === view.tab);
      const count = (queues) => queues.reduce((sum, queue) => sum + (data.counts[queue] || 0), 0);
      const focusedTab = document.activeElement && document.activeElement.getAttribute('role') === 'tab'
        ? document.activeElement.id : null;
      fill(tabs, tabList('Workqueues', WORKQUEUE_TABS.map((item) => ({
        id: item.id, label: item.label, count: count(item.queues),
      })), view.tab, (id) => { view.tab = id; view.queue = WORKQUEUE_TABS.find((t) => t.id === id).queues[0]; draw(); }));
      if (tab.queues.length > 1) {
        tabs.append(tabList('In progress', tab.queues.map((queue) => ({
          id: queue.replace(/\W+/g, '-').toLowerCase(), label: queue, count: data.counts[queue] || 0,
        })), view.queue.replace(/\W+/g, '-').toLowerCase(), (id) => {
          view.queue = tab.queues.find((queue) => queue.replace(/\W+/g, '-').toLowerCase() === id);
          draw();
        }, 'subtabs'));
      }
      if (focusedTab && document.getElementById(focusedTab)) document.getElementById(focusedTab).focus();
      const selectedTab = tab.queues.length > 1 ? view.queue.replace(/\W+/g, '-').toLowerCase() : tab.id;
      panel.setAttribute('aria-labelledby', 'tab-' + selectedTab);
      const rows = data.records.filter((record) => record.workqueue === view.queue);
      clear(panel);
      if (!rows.length) {
        panel.append(view.queue === 'Health system'
          ? empty('No notifications for ' + officeName + ' yet',
            'Send a birth or death notification with a HEALTH client (POST /notification) and it appears here '
            + 'without reloading. Its Task must name this office in lastRegOffice.')
          : empty('Nothing in “' + view.queue + '” for ' + officeName));
        return;
      }
      panel.append(el('div', { class: 'scroll' }, el('table', {},
        el('caption', { class: 'visually-hidden', text: view.queue + ', ' + officeName }),
        el('thead', {}, el('tr', {}, ['Tracking ID', 'Event', 'Name', 'Date of event', 'Sent', 'Sent by', 'Status']
          .map((title) => el('th', { scope: 'col', text: title })))),
        el('tbody', {}, rows.map((record) => el('tr', { class: fresh && fresh.has(record.id) ? 'fresh' : '' },
          el('td', { class: 'mono' }, el('a', { href: '#/record/' + encodeURIComponent(record.id), text: record.trackingId })),
          el('td', { text: EVENT_LABELS[record.event] || record.event }),
          el('td', {}, el('a', { href: '#/record/' + encodeURIComponent(record.id), text: record.name || '(no name)' })),
          el('td', { class: 'nowrap', text: record.eventDate || '–' }),
          el('td', { class: 'nowrap', text: fmtTime(record.modifiedAt) }),
          el('td', { text: record.clientName || record.clientId || '–' }),
          el('td', {}, badge(record.status, 'info'), record.registrationNumber
            ? el('div', { class: 'mono', text: record.registrationNumber }) : null)))))));
    };
    const load = async () => {
      data = await api('GET', '/_sandbox/workqueue?officeId=' + encodeURIComponent(select.value));
      const ids = new Set(data.records.map((record) => record.id));
      const fresh = seen ? new Set(Array.from(ids).filter((id) => !seen.has(id))) : null;
      seen = ids;
      draw(fresh);
    };
    select.addEventListener('change', () => {
      localStorage.setItem('sandbox.office', select.value);
      seen = null;
      load();
    });
    main.append(heading,
      el('div', { class: 'row' }, el('div', {}, el('label', { for: 'office', text: 'Office' }), select),
        el('p', { class: 'muted grow', text: 'As a registrar of this office sees it in OpenCRVS. '
          + 'New records appear live; open one to register or reject it.' })),
      tabs, panel);
    await load();
    return {
      async refresh(changed) {
        if (changed.has('records') || changed.has('clients')) await load();
      },
    };
  },
};

// ---- Record view: facts, history, deliveries, the stored bundle, register and reject ----

const HISTORY_LABELS = {
  notified: 'Notified (sent as incomplete)',
  updated: 'Updated',
  'waiting-validation': 'Sent for external validation',
  registered: 'Registered',
  rejected: 'Rejected (sent for updates)',
  retrieved: 'Retrieved by a search client',
  'identifier-upserted': 'Identifier added',
  'webhook-delivered': 'Webhook delivered',
};
const REGISTRABLE = ['IN_PROGRESS', 'REJECTED', 'DECLARED', 'DECLARATION_UPDATED', 'VALIDATED'];
const REJECTABLE = ['IN_PROGRESS', 'DECLARED', 'DECLARATION_UPDATED', 'VALIDATED', 'WAITING_VALIDATION'];

function deliveryOutcome(delivery) {
  if (delivery.error) return badge('failed: ' + delivery.error, 'bad');
  if (delivery.responseStatus === null || delivery.responseStatus === undefined) return badge('pending', 'plain');
  return badge('answered ' + delivery.responseStatus, statusTone(delivery.responseStatus));
}

function deliveriesTable(deliveries, withRecord) {
  return el('div', { class: 'scroll' }, el('table', {},
    el('caption', { class: 'visually-hidden', text: 'Webhook deliveries, newest first' }),
    el('thead', {}, el('tr', {}, ['Sent', 'Topic'].concat(withRecord ? ['Record'] : [], ['Callback', 'Outcome', 'Attempts',
      'Signature', 'Body']).map((title) => el('th', { scope: 'col', text: title })))),
    el('tbody', {}, deliveries.map((delivery) => {
      let body = delivery.body;
      try { body = JSON.parse(delivery.body); } catch (error) { /* shown as text */ }
      return el('tr', {},
        el('td', { class: 'nowrap', text: fmtTime(delivery.createdAt || delivery.deliveredAt, true) }),
        el('td', { class: 'mono', text: delivery.topic || '–' }),
        withRecord ? el('td', { class: 'mono' }, delivery.recordId || delivery.trackingId
          ? el('a', { href: '#/record/' + encodeURIComponent(delivery.recordId || delivery.trackingId),
            text: delivery.trackingId || delivery.recordId }) : '–') : null,
        el('td', { class: 'mono', text: delivery.callback || '–' }),
        el('td', {}, deliveryOutcome(delivery)),
        el('td', { text: String(delivery.attempts === undefined ? '–' : delivery.attempts) }),
        el('td', {}, delivery.signature ? el('span', { class: 'copy' },
          el('code', { text: String(delivery.signature).slice(0, 16) + '…' }),
          copyButton(String(delivery.signature), 'signature')) : '–'),
        el('td', {}, el('details', {}, el('summary', { text: 'Show' }), bodyView(body, 1).node)));
    }))));
}

S.views.record = {
  title: 'Record',
  async open(main, id) {
    await loadClients();
    const holder = el('div', {});
    main.append(el('p', { class: 'back' }, el('a', { href: '#/workqueue', text: '← Back to the workqueue' })), holder);
    let bundleOpen = false;
    const load = async () => {
      const [record, facts, deliveries] = await Promise.all([
        api('GET', '/_sandbox/records/' + encodeURIComponent(id)),
        api('GET', '/_sandbox/records/' + encodeURIComponent(id) + '/facts'),
        optional('/_sandbox/webhooks/deliveries'),
      ]);
      const mine = deliveries === null ? null : deliveries.filter((delivery) => delivery.recordId === record.id
        || (delivery.trackingId && delivery.trackingId === record.trackingId)).reverse();
      const focusedId = document.activeElement && document.activeElement.id;
      fill(holder, recordPage(record, facts, mine, load, () => bundleOpen, (open) => { bundleOpen = open; }));
      if (focusedId && document.getElementById(focusedId)) document.getElementById(focusedId).focus();
    };
    try { await load(); } catch (error) {
      holder.append(empty('No record ' + id, error.message));
      return {};
    }
    return {
      async update(newId) { if (newId !== id) { S.current = null; await render(); } },
      async refresh(changed) {
        if (changed.has('records') || changed.has('webhooks') || changed.has('clients')) await load();
      },
    };
  },
};

function recordPage(record, facts, deliveries, reload, bundleOpen, setBundleOpen) {
  const subject = facts.people.find((person) => person.role === 'Child' || person.role === 'Deceased');
  const title = (subject && subject.name) || '(no name)';
  const register = el('button', {
    type: 'button', id: 'register', class: 'primary', text: 'Register',
    disabled: !REGISTRABLE.includes(record.status),
    onclick: async () => {
      const answer = await act(null, () => api('POST', '/_sandbox/records/' + encodeURIComponent(record.id) + '/register', {}));
      if (answer) {
        toast(answer.status === 'REGISTERED' ? 'Registered ' + answer.trackingId + ' as ' + answer.registrationNumber
          : answer.trackingId + ' is now ' + answer.status);
        await reload();
      }
    },
  });
  const reject = el('button', {
    type: 'button', id: 'reject', class: 'danger', text: 'Reject…', disabled: !REJECTABLE.includes(record.status),
    onclick: async () => {
      const values = await openDialog({
        title: 'Reject ' + record.trackingId, confirm: 'Reject', danger: true,
        intro: 'The record moves to “Requires updates”, as when a registrar sends it back for updates.',
        fields: [
          { name: 'reason', label: 'Reason', type: 'select', options: [['duplicate', 'Duplicate record'],
            ['incorrect', 'Incorrect information'], ['misspelling', 'Misspelling'],
            ['missing_supporting_doc', 'Missing supporting documents'], ['other', 'Other']] },
          { name: 'comment', label: 'Comment', type: 'textarea', required: true },
        ],
      });
      if (!values) return;
      const answer = await act('Rejected ' + record.trackingId, () => api('POST',
        '/_sandbox/records/' + encodeURIComponent(record.id) + '/reject', { reason: values.reason, comment: values.comment }));
      if (answer) await reload();
    },
  });
  const why = [];
  if (register.disabled) why.push('Register works from ' + REGISTRABLE.join(', ') + '.');
  if (reject.disabled) why.push('Reject works from ' + REJECTABLE.join(', ') + '.');
  const place = facts.placeOfEvent;
  const people = facts.people.map((person) => [
    el('dt', { text: person.role }),
    el('dd', {}, el('strong', { text: person.name || '(no name)' }),
      [person.gender, person.birthDate ? 'born ' + person.birthDate : null].filter(Boolean).length
        ? ' (' + [person.gender, person.birthDate ? 'born ' + person.birthDate : null].filter(Boolean).join(', ') + ')' : '',
      person.identifiers.length ? el('div', { class: 'mono', text: 'ID ' + person.identifiers.join(', ') }) : null),
  ]);
  const contact = [facts.contact.relationship, facts.contact.phone, facts.contact.email].filter(Boolean).join(' · ');
  const history = record.history.slice().reverse().map((entry) => el('tr', {},
    el('td', { class: 'nowrap', text: fmtTime(entry.at, true) }),
    el('td', { text: HISTORY_LABELS[entry.action] || entry.action }),
    el('td', { text: entry.clientId ? clientName(entry.clientId) : (entry.username || '–') }),
    el('td', {}, badge(entry.status, 'info')),
    el('td', { text: entry.detail || '' })));
  const bundle = bodyView(record.bundle, 2);
  const bundleBox = el('details', { class: 'card', id: 'bundle', ontoggle: (event) => setBundleOpen(event.target.open) },
    el('summary', {}, el('strong', { text: 'Stored FHIR bundle' }),
      el('span', { class: 'muted', text: ' (as the search service returns it; ' + (record.bundle.entry || []).length + ' entries)' })),
    bundle.node);
  bundleBox.open = bundleOpen();
  return el('div', {},
    el('h2', {}, title + ' · ' + (EVENT_LABELS[record.event] || record.event)),
    el('div', { class: 'row' }, el('span', {}, 'Tracking ID ', copyable(record.trackingId, 'tracking ID')),
      badge(record.status, 'info'), record.workqueue ? badge(record.workqueue, 'plain') : null,
      record.registrationNumber ? el('span', {}, 'Registration number ', copyable(record.registrationNumber, 'registration number')) : null),
    el('div', { class: 'card' }, el('div', { class: 'row' }, register, reject,
      why.length ? el('p', { class: 'muted grow', text: why.join(' ') + ' This record is ' + record.status + '.' }) : null)),
    el('div', { class: 'split' },
      el('section', { class: 'card', 'aria-labelledby': 'facts-title' }, el('h3', { id: 'facts-title', text: 'Main facts' }),
        el('dl', { class: 'facts' }, people,
          el('dt', { text: record.event === 'death' ? 'Place of death' : 'Place of birth' }),
          el('dd', {}, place && typeof place === 'object' ? [place.name + ' ', el('span', { class: 'muted mono', text: place.id })]
            : (place || '–')),
          el('dt', { text: record.event === 'death' ? 'Date of death' : 'Date of birth' }), el('dd', { text: facts.eventDate || '–' }),
          el('dt', { text: 'Office' }), el('dd', {}, record.officeName + ' ', el('span', { class: 'muted mono', text: record.officeId })),
          el('dt', { text: 'Sent by' }), el('dd', { text: facts.client ? facts.client.name + ' (' + facts.client.type + ')' : '–' }),
          el('dt', { text: 'Contact' }), el('dd', { text: contact || '–' }),
          el('dt', { text: 'Record id' }), el('dd', {}, copyable(record.id, 'record id')))),
      el('section', { class: 'card', 'aria-labelledby': 'history-title' }, el('h3', { id: 'history-title', text: 'History' }),
        el('div', { class: 'scroll' }, el('table', {}, el('thead', {}, el('tr', {}, ['When', 'Action', 'By', 'Status', 'Detail']
          .map((column) => el('th', { scope: 'col', text: column })))), el('tbody', {}, history))),
        el('h3', { text: 'Webhook deliveries' }),
        deliveries === null ? el('p', { class: 'muted', text: 'Webhook deliveries are not available in this build '
          + '(GET /_sandbox/webhooks/deliveries answered 404).' })
          : deliveries.length ? deliveriesTable(deliveries, false)
            : el('p', { class: 'muted', text: 'No webhook delivery for this record yet. Deliveries go out when it is '
              + 'registered and a WEBHOOK client has subscribed (POST /webhooks).' }))),
    bundleBox);
}
