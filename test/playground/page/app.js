// The playground page: shows what the playground server pushes (HTML rendered from the Slack stand-in)
// and sends every click, reaction, command and form back to it.
const $ = (selector) => document.querySelector(selector);
const state = { user: '', channel: 'C0GENERAL1', home: false, snapshot: null, people: [], source: null };
const shown = { timeline: '', modal: '' };

async function post(path, body) {
  const response = await fetch(`/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: state.user, ...body }),
  });
  const answer = await response.json().catch(() => ({}));
  $('#status').textContent = response.ok
    ? ''
    : `The playground could not do that: ${answer.error ?? response.status}`;
  return answer;
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function offsetLabel(seconds) {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  const minutes = Math.floor((abs % 3600) / 60);
  return `UTC${sign}${Math.floor(abs / 3600)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

function connect() {
  state.source?.close();
  const source = new EventSource(`/api/events?user=${encodeURIComponent(state.user)}`);
  source.addEventListener('state', (event) => {
    state.snapshot = JSON.parse(event.data);
    render();
  });
  state.source = source;
}

function render() {
  const snap = state.snapshot;
  if (!snap) return;
  if (!snap.channels.some((c) => c.id === state.channel)) state.channel = snap.channels[0]?.id ?? '';
  $('#channels').innerHTML = snap.channels
    .map((c) => {
      const mark = c.private ? '🔒 ' : c.shared ? '⇄ ' : '# ';
      const active = !state.home && c.id === state.channel ? ' active' : '';
      return `<button type="button" class="nav-item${active}" data-channel="${escapeHtml(c.id)}">${mark}${escapeHtml(c.name)}</button>`;
    })
    .join('');
  $('#home-link').classList.toggle('active', state.home);
  const channel = snap.channels.find((c) => c.id === state.channel);
  $('#channel-title').textContent = state.home
    ? 'Rally · Home'
    : channel
      ? `${channel.private ? '🔒' : '#'} ${channel.name}`
      : '';
  $('#composer').hidden = state.home;
  const html = state.home
    ? (snap.home?.html ?? '<div class="empty">Rally has not published a Home tab for you yet.</div>')
    : (snap.timelines[state.channel] ?? '');
  if (html !== shown.timeline) {
    const box = $('#timeline');
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.innerHTML = html;
    box.dataset.homeId = snap.home?.id ?? '';
    if (atBottom) box.scrollTop = box.scrollHeight;
    shown.timeline = html;
  }
  const modal = snap.modal ? snap.modal.html : '';
  if (modal !== shown.modal) {
    $('#modal-layer').innerHTML = modal;
    $('#modal-layer').hidden = !modal;
    shown.modal = modal;
  }
}

function switchUser(user) {
  state.user = user;
  state.home = false;
  shown.timeline = '';
  shown.modal = '';
  const person = state.people.find((p) => p.id === user);
  $('#user-zone').textContent = person ? `${person.tz} (${offsetLabel(person.offset)})` : '';
  connect();
}

/** Where an element sits: a message (channel, ts), a modal or the home tab (view id). */
function placeOf(element) {
  const modal = element.closest('form.modal');
  if (modal) return { viewId: modal.dataset.viewId };
  const message = element.closest('.msg');
  if (message) {
    return {
      channel: message.dataset.channel,
      messageTs: message.dataset.ts,
      ephemeral: message.dataset.ephemeral === '1',
    };
  }
  return { viewId: $('#timeline').dataset.homeId };
}

function formValues(form) {
  const values = {};
  for (const el of form.querySelectorAll('[data-kind][data-action-id]')) {
    const { kind, blockId = '', actionId } = el.dataset;
    let entry;
    if (kind === 'radio_buttons' || kind === 'checkboxes') {
      const checked = [...el.querySelectorAll('input:checked')].map((input) => input.value);
      entry = kind === 'radio_buttons' ? { value: checked[0] ?? null } : { values: checked };
    } else if (el.tagName === 'SELECT' && el.multiple) {
      entry = { values: [...el.selectedOptions].map((o) => o.value) };
    } else if ('value' in el && kind !== 'button') {
      entry = { value: el.value };
    } else continue;
    values[blockId] ??= {};
    values[blockId][actionId] = entry;
  }
  return values;
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const nav = target.closest('[data-channel].nav-item');
  if (nav) {
    state.channel = nav.dataset.channel;
    state.home = false;
    shown.timeline = '';
    render();
    return;
  }
  if (target.closest('#home-link')) {
    state.home = true;
    shown.timeline = '';
    render();
    void post('home', {});
    return;
  }
  const button = target.closest('.bk-button[data-action-id]');
  if (button && button.type !== 'submit') {
    if (button.dataset.confirm && !window.confirm(button.dataset.confirm)) return;
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
    const { actionId, blockId, value } = button.dataset;
    void post('action', { ...placeOf(button), actionId, blockId, value });
    return;
  }
  const close = target.closest('.modal-close');
  if (close) {
    void post('close', { viewId: close.closest('form.modal').dataset.viewId });
    return;
  }
  const reaction = target.closest('.reaction');
  if (reaction) {
    const message = reaction.closest('.msg');
    void post('reaction', {
      channel: message.dataset.channel,
      ts: message.dataset.ts,
      name: reaction.dataset.name,
    });
    return;
  }
  const add = target.closest('.add-reaction');
  if (add) {
    const message = add.closest('.msg');
    const name = window.prompt('Emoji name (e.g. tada, +1, one)')?.trim().replace(/^:|:$/g, '');
    if (name) void post('reaction', { channel: message.dataset.channel, ts: message.dataset.ts, name });
  }
});

document.addEventListener('change', (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.dataset.actionId || select.closest('form.modal'))
    return;
  const { actionId, blockId, kind } = select.dataset;
  void post('action', { ...placeOf(select), actionId, blockId, kind, selected: select.value });
});

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  event.preventDefault();
  if (form.id === 'composer') {
    const input = $('#composer-input');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    await post('command', { channel: state.channel, text });
  } else if (form.classList.contains('modal')) {
    await post('submit', { viewId: form.dataset.viewId, values: formValues(form) });
  }
});

async function start() {
  const info = await (await fetch('/api/workspace')).json();
  state.people = info.people;
  $('#team').textContent = `${info.team} · Rally playground`;
  $('#user').innerHTML = info.people
    .map((p) => `<option value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</option>`)
    .join('');
  $('#people').innerHTML = info.people
    .map(
      (p) =>
        `<li>${escapeHtml(p.name)} <span class="tz">${escapeHtml(p.tz)} · ${offsetLabel(p.offset)}</span></li>`,
    )
    .join('');
  $('#user').addEventListener('change', (event) => switchUser(event.target.value));
  switchUser(info.people[0].id);
}

void start();
