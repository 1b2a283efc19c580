// Authorized applications: the consents the user gave on the consent page. Revoking one forgets it and ends the
// refresh tokens the user holds for that application.
import * as api from '../api.js';
import {h, describe, time, replace, confirmButton} from '../dom.js';

export async function render(view) {
  const list = h('div', {id: 'application-list'});
  view.append(h('h1', {}, 'Authorized applications'),
    h('p', {class: 'lead'}, 'Applications you allowed to act for you. Revoking one signs it out: its refresh tokens '
      + 'stop, and it must ask you again.'), list);
  await load(list);
}

async function load(list) {
  const page = await api.get('/api/me/consents');
  if (page.items.length === 0) {
    replace(list, h('p', {class: 'muted', id: 'no-applications'}, 'You have not authorized any application.'));
    return;
  }
  const error = h('p', {class: 'form-error', role: 'alert'});
  replace(list, error, h('table', {},
    h('thead', {}, h('tr', {}, ['Application', 'Allowed scopes', 'Since', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, page.items.map(app => h('tr', {'data-client-id': app.client_id},
      h('td', {}, app.client_name || h('span', {class: 'muted'}, 'deleted client'), ' ', h('code', {}, app.client_id)),
      h('td', {}, h('ul', {}, app.scopes.map(scope => h('li', {}, scope || '(no scope)')))),
      h('td', {}, time(app.granted_at)),
      h('td', {}, confirmButton('Revoke', `Revoke ${app.client_name || app.client_id}?`, async () => {
        error.textContent = '';
        try {
          await api.del(`/api/me/consents/${encodeURIComponent(app.client_id)}`);
          await load(list);
        } catch (e) {
          error.textContent = describe(e);
        }
      }, {class: 'revoke'})))))));
}
