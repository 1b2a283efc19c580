// The audit trail (admin): GET /api/admin/events with paging and filters. A server without the audit API answers
// 404, and the page says so.
import * as api from '../api.js';
import {h, field, form, clearErrors, showProblem, time, replace} from '../dom.js';
import {pager} from './clients.js';

const PAGE_SIZE = 20;
const COLUMNS = ['Time', 'Type', 'Outcome', 'Actor', 'Subject', 'Client', 'Address', 'Detail'];

export async function render(view) {
  const state = {page: 1, filters: {}};
  const list = h('div', {id: 'event-list'});
  const type = field('Type', 'type', {hint: 'e.g. user.disabled'});
  const subject = field('Subject', 'subject');
  const client = field('Client', 'client');
  const from = field('From', 'from', {type: 'datetime-local'});
  const to = field('To', 'to', {type: 'datetime-local'});
  const filters = form({id: 'event-filters', class: 'filters card', 'aria-label': 'Filter events'},
    type.field, subject.field, client.field, from.field, to.field, h('button', {type: 'submit'}, 'Filter'));
  filters.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(filters);
    state.page = 1;
    state.filters = {type: type.input.value.trim(), subject: subject.input.value.trim(),
      client: client.input.value.trim(), from: instant(from.input.value), to: instant(to.input.value)};
    try {
      await load(list, state, filters);
    } catch (error) {
      showProblem(filters, error);
    }
  });
  view.append(h('h1', {}, 'Audit trail'), filters, list);
  try {
    await load(list, state, filters);
  } catch (error) {
    if (error.status === 404) {
      filters.hidden = true;
      replace(list, h('p', {class: 'notice', id: 'audit-unavailable', role: 'status'},
        'The audit trail is not available on this server.'));
      return;
    }
    throw error;
  }
}

function instant(local) {
  return local ? new Date(local).toISOString() : '';
}

async function load(list, state, filters) {
  const page = await api.get(`/api/admin/events${api.query({page: state.page, pageSize: PAGE_SIZE,
    ...state.filters})}`);
  if (page.items.length === 0) {
    replace(list, h('p', {class: 'muted', id: 'no-events'}, 'No events match.'));
    return;
  }
  const reload = () => load(list, state, filters).catch(error => showProblem(filters, error));
  replace(list, h('table', {},
    h('thead', {}, h('tr', {}, COLUMNS.map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, page.items.map(item => h('tr', {'data-event-id': item.id},
      h('td', {}, time(item.time)), h('td', {}, item.type), h('td', {}, item.outcome), h('td', {}, item.actor),
      h('td', {}, item.subject), h('td', {}, item.client), h('td', {}, item.address),
      h('td', {}, detail(item.detail)))))),
  pager(page.pagination, state, reload));
}

function detail(value) {
  if (value === null || value === undefined) {
    return '';
  }
  return typeof value === 'object' ? h('code', {}, JSON.stringify(value)) : String(value);
}
