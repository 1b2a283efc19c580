// Service clients (Ryvn's service users): the user's confidential client_credentials clients. Create (the secret
// is shown once), rotate the secret (the previous one works until its overlap ends), delete.
import * as api from '../api.js';
import {h, field, form, clearErrors, showProblem, describe, time, replace, confirmButton} from '../dom.js';

/** A service client, as opposed to a client registered for a user-facing application. */
export function isServiceClient(client) {
  return client.confidential && (client.grant_types || []).length === 1
    && client.grant_types[0] === 'client_credentials' && (client.redirect_uris || []).length === 0;
}

export async function render(view) {
  const secretPanel = h('div', {id: 'secret-panel'});
  const list = h('div', {id: 'service-client-list'});
  const name = field('Name', 'name', {required: true, hint: 'What the program is, e.g. "Nightly export".'});
  const scope = field('Scope', 'scope', {hint: 'Space-separated; leave empty for every scope a service client may have.'});
  const create = form({id: 'create-service-client', class: 'card', 'aria-labelledby': 'create-heading'},
    h('h2', {id: 'create-heading'}, 'New service client'),
    name.field, scope.field,
    h('button', {type: 'submit', class: 'primary', id: 'create-service-client-submit'}, 'Create'));
  create.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(create);
    try {
      const created = await api.post('/api/service-clients',
        {name: name.input.value, scope: scope.input.value || null});
      create.reset();
      showSecret(secretPanel, created, 'created');
      await load(list, secretPanel);
    } catch (error) {
      showProblem(create, error);
    }
  });
  view.append(
    h('h1', {}, 'Service clients'),
    h('p', {class: 'lead'}, 'Programs that call the API on your behalf with the client credentials grant.'),
    secretPanel, create, h('h2', {}, 'Your service clients'), list);
  await load(list, secretPanel);
}

async function load(list, secretPanel) {
  const page = await api.get('/oauth2/clients?page=1&size=100');
  const mine = page.items.filter(isServiceClient);
  if (mine.length === 0) {
    replace(list, h('p', {class: 'muted', id: 'no-service-clients'}, 'You have no service clients.'));
    return;
  }
  const error = h('p', {class: 'form-error', role: 'alert'});
  replace(list, error, h('table', {},
    h('thead', {}, h('tr', {}, ['Name', 'Client ID', 'Scope', 'Created', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, mine.map(client => h('tr', {'data-client-id': client.client_id},
      h('td', {}, client.client_name),
      h('td', {}, h('code', {}, client.client_id)),
      h('td', {}, client.scope),
      h('td', {}, time(client.client_id_issued_at)),
      h('td', {}, h('span', {class: 'actions'},
        h('button', {type: 'button', class: 'rotate', onclick: () => rotate(client, list, secretPanel, error)},
          'Rotate secret'),
        confirmButton('Delete', `Delete ${client.client_name}? Its secret stops at once.`,
          () => remove(client, list, secretPanel, error), {class: 'delete'}))))))));
}

async function rotate(client, list, secretPanel, error) {
  error.textContent = '';
  try {
    showSecret(secretPanel, await api.post(`/api/service-clients/${encodeURIComponent(client.client_id)}/rotate-secret`),
      'rotated');
  } catch (e) {
    error.textContent = describe(e);
  }
}

async function remove(client, list, secretPanel, error) {
  error.textContent = '';
  try {
    await api.del(`/api/service-clients/${encodeURIComponent(client.client_id)}`);
    if (secretPanel.dataset.clientId === client.client_id) {
      replace(secretPanel);
    }
    await load(list, secretPanel);
    list.prepend(h('p', {role: 'status', id: 'deleted-status'}, `${client.client_name} was deleted.`));
  } catch (e) {
    error.textContent = describe(e);
  }
}

/** The secret, shown this once, with a copy button and the warning. */
function showSecret(panel, issued, how) {
  const status = h('span', {role: 'status', id: 'copy-status'});
  const value = h('input', {id: 'secret-value', type: 'text', readonly: true, value: issued.client_secret,
    'aria-describedby': 'secret-warning', autocomplete: 'off', spellcheck: 'false'});
  const copy = h('button', {type: 'button', id: 'copy-secret', onclick: async () => {
    try {
      await navigator.clipboard.writeText(value.value);
      status.textContent = 'Copied.';
    } catch (e) {
      value.select();
      status.textContent = 'Press Ctrl+C (or ⌘C) to copy the selected secret.';
    }
  }}, 'Copy');
  panel.dataset.clientId = issued.client_id;
  replace(panel, h('section', {class: 'card secret', 'aria-labelledby': 'secret-heading'},
    h('h2', {id: 'secret-heading'}, how === 'created' ? `Service client "${issued.client_name}" created`
      : `New secret for "${issued.client_name}"`),
    h('p', {class: 'warning', id: 'secret-warning'},
      'Copy this secret now. It is shown only once: the server keeps only its hash and cannot show it again.'),
    h('p', {}, 'Client ID: ', h('code', {id: 'secret-client-id'}, issued.client_id)),
    h('div', {class: 'field'}, h('label', {for: 'secret-value'}, 'Client secret'),
      h('div', {class: 'actions'}, value, copy, status)),
    issued.previous_secret_expires_at ? h('p', {id: 'previous-secret-expiry'},
      'The previous secret keeps working until ', time(issued.previous_secret_expires_at),
      ', then stops. Give the program the new one before then.') : null,
    h('button', {type: 'button', id: 'dismiss-secret', onclick: () => replace(panel)}, 'I have stored the secret')));
  value.focus();
  value.select();
}
