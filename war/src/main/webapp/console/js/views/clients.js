// Registered clients (RFC 7591): the user's applications, with their details, and delete. An admin may list every
// client of the server.
import * as api from '../api.js';
import {h, describe, time, replace, confirmButton} from '../dom.js';
import {isServiceClient} from './service-clients.js';

const PAGE_SIZE = 20;

export async function render(view, {me}) {
  const list = h('div', {id: 'client-list'});
  const state = {page: 1, all: false};
  view.append(h('h1', {}, me.admin ? 'Clients' : 'Registered clients'),
    h('p', {class: 'lead'}, 'Applications registered through dynamic client registration (RFC 7591). '
      + 'Service clients have their own page.'));
  if (me.admin) {
    const toggle = h('input', {type: 'checkbox', id: 'all-clients', onchange: async () => {
      state.all = toggle.checked;
      state.page = 1;
      await load(list, state);
    }});
    view.append(h('p', {}, toggle, ' ', h('label', {for: 'all-clients'}, 'Every client of the server (admin)')));
  }
  view.append(list);
  await load(list, state);
}

async function load(list, state) {
  const page = await api.get(`/oauth2/clients?page=${state.page}&size=${state.all ? PAGE_SIZE : 100}`
    + (state.all ? '&all=true' : ''));
  const items = state.all ? page.items : page.items.filter(client => !isServiceClient(client));
  const error = h('p', {class: 'form-error', role: 'alert'});
  if (items.length === 0) {
    replace(list, h('p', {class: 'muted', id: 'no-clients'}, 'No registered clients.'));
    return;
  }
  replace(list, error, h('table', {},
    h('thead', {}, h('tr', {}, ['Client', 'Kind', state.all ? 'Owner' : null, 'Created', 'Actions']
      .filter(Boolean).map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, items.map(client => h('tr', {'data-client-id': client.client_id},
      h('td', {}, h('details', {},
        h('summary', {}, client.client_name, ' ', h('code', {}, client.client_id)),
        h('dl', {class: 'details'},
          h('dt', {}, 'Client ID'), h('dd', {}, h('code', {}, client.client_id)),
          h('dt', {}, 'Type'), h('dd', {}, client.confidential ? 'confidential (has a secret)' : 'public'),
          h('dt', {}, 'Grant types'), h('dd', {}, (client.grant_types || []).join(', ')),
          h('dt', {}, 'Redirect URIs'), h('dd', {}, (client.redirect_uris || []).length
            ? h('ul', {}, client.redirect_uris.map(uri => h('li', {}, h('code', {}, uri)))) : 'none'),
          h('dt', {}, 'Scope'), h('dd', {}, client.scope || 'none'),
          client.owner ? [h('dt', {}, 'Owner'), h('dd', {}, client.owner)] : null))),
      h('td', {}, isServiceClient(client) ? 'service client' : 'application'),
      state.all ? h('td', {}, client.owner || h('span', {class: 'muted'}, 'declared')) : null,
      h('td', {}, time(client.client_id_issued_at)),
      h('td', {}, confirmButton('Delete', `Delete ${client.client_name}? Its tokens stop working.`, async () => {
        error.textContent = '';
        try {
          await api.del(`/api/service-clients/${encodeURIComponent(client.client_id)}`);
          await load(list, state);
        } catch (e) {
          error.textContent = describe(e);
        }
      }, {class: 'delete'})))))),
  state.all ? pager(page.pagination, state, () => load(list, state)) : null);
}

export function pager(pagination, state, reload) {
  const last = Math.max(1, pagination.max_page || 1);
  return h('div', {class: 'pager'},
    h('button', {type: 'button', class: 'previous', disabled: state.page <= 1,
      onclick: () => { state.page -= 1; reload(); }}, 'Previous'),
    h('span', {}, `Page ${state.page} of ${last} (${pagination.total_count} in all)`),
    h('button', {type: 'button', class: 'next', disabled: state.page >= last,
      onclick: () => { state.page += 1; reload(); }}, 'Next'));
}
