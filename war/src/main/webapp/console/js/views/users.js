// Users (admin): list with paging and search by email, create, disable, enable, reset a password, set roles.
import * as api from '../api.js';
import {h, field, form, clearErrors, showProblem, describe, time, replace, uid} from '../dom.js';
import {pager} from './clients.js';

const PAGE_SIZE = 10;

export async function render(view, {me}) {
  const state = {page: 1, email: ''};
  const list = h('div', {id: 'user-list'});
  const search = field('Email contains', 'email', {id: 'user-search', type: 'search'});
  const searchForm = form({id: 'search-users', role: 'search', class: 'filters'}, search.field,
    h('button', {type: 'submit'}, 'Search'));
  searchForm.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(searchForm);
    state.email = search.input.value.trim();
    state.page = 1;
    try {
      await load(list, state, me);
    } catch (error) {
      showProblem(searchForm, error);
    }
  });

  const email = field('Email', 'email', {type: 'email', required: true, autocomplete: 'off'});
  const password = field('Password', 'password', {type: 'password', required: true, autocomplete: 'new-password',
    hint: '8 to 1024 characters.'});
  const roles = field('Roles', 'roles', {hint: 'Comma-separated, e.g. admin. Leave empty for none.'});
  const create = form({id: 'create-user', class: 'card', 'aria-labelledby': 'create-user-heading'},
    h('h2', {id: 'create-user-heading'}, 'New user'), email.field, password.field, roles.field,
    h('button', {type: 'submit', class: 'primary'}, 'Create user'));
  const created = h('p', {role: 'status', id: 'user-created'});
  create.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(create);
    created.textContent = '';
    try {
      const user = await api.post('/api/admin/users', {email: email.input.value, password: password.input.value,
        roles: splitRoles(roles.input.value)});
      create.reset();
      created.textContent = `${user.email} was created.`;
      await load(list, state, me);
    } catch (error) {
      showProblem(create, error);
    }
  });

  view.append(h('h1', {}, 'Users'), searchForm, list, create, created);
  await load(list, state, me);
}

function splitRoles(text) {
  return text.split(/[\s,]+/).filter(Boolean);
}

async function load(list, state, me) {
  const page = await api.get(`/api/admin/users${api.query({page: state.page, size: PAGE_SIZE, email: state.email})}`);
  if (page.items.length === 0) {
    replace(list, h('p', {class: 'muted', id: 'no-users'}, state.email ? 'No user matches.' : 'No users.'));
    return;
  }
  const reload = () => load(list, state, me);
  replace(list, h('table', {},
    h('thead', {}, h('tr', {}, ['Email', 'Roles', 'Status', 'Created', 'Actions'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, page.items.map(user => row(user, me, reload)))),
  pager(page.pagination, state, reload));
}

function row(user, me, reload) {
  const error = h('p', {class: 'form-error', role: 'alert'});
  const extra = h('div', {});
  const path = `/api/admin/users/${encodeURIComponent(user.id)}`;
  const toggle = h('button', {type: 'button', class: user.enabled ? 'disable' : 'enable', onclick: async () => {
    error.textContent = '';
    try {
      await api.post(`${path}/${user.enabled ? 'disable' : 'enable'}`);
      await reload();
    } catch (e) {
      error.textContent = describe(e);
    }
  }}, user.enabled ? 'Disable' : 'Enable');
  const reset = h('button', {type: 'button', class: 'reset-password', 'aria-expanded': 'false',
    onclick: () => open(reset, extra, passwordForm(path, extra, reset))}, 'Reset password');
  const editRoles = h('button', {type: 'button', class: 'edit-roles', 'aria-expanded': 'false',
    onclick: () => open(editRoles, extra, rolesForm(path, user, extra, editRoles, reload))}, 'Roles');
  return h('tr', {'data-user-id': user.id, 'data-email': user.email},
    h('td', {}, user.email, user.email.toLowerCase() === (me.email || '').toLowerCase()
      ? h('span', {class: 'muted'}, ' (you)') : null),
    h('td', {}, user.roles.length ? user.roles.join(', ') : h('span', {class: 'muted'}, 'none')),
    h('td', {}, h('span', {class: `badge ${user.enabled ? 'on' : 'off'}`}, user.enabled ? 'enabled' : 'disabled')),
    h('td', {}, time(user.created_at)),
    h('td', {}, h('span', {class: 'actions'}, toggle, reset, editRoles), error, extra));
}

function open(button, holder, content) {
  const wasOpen = button.getAttribute('aria-expanded') === 'true';
  holder.parentElement.querySelectorAll('[aria-expanded]').forEach(b => b.setAttribute('aria-expanded', 'false'));
  replace(holder);
  if (!wasOpen) {
    button.setAttribute('aria-expanded', 'true');
    holder.append(content);
    content.querySelector('input')?.focus();
  }
}

function passwordForm(path, holder, button) {
  const password = field('New password', 'password', {id: uid('new-password'), type: 'password', required: true,
    autocomplete: 'new-password'});
  const done = h('p', {role: 'status'});
  const reset = form({class: 'inline-form'}, password.field, h('button', {type: 'submit', class: 'primary'}, 'Set'),
    done);
  reset.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(reset);
    try {
      await api.post(`${path}/password`, {password: password.input.value});
      reset.reset();
      done.textContent = 'The password was replaced; the user\'s refresh tokens were revoked.';
    } catch (error) {
      showProblem(reset, error);
    }
  });
  return reset;
}

function rolesForm(path, user, holder, button, reload) {
  const roles = field('Roles', 'roles', {id: uid('roles'), value: user.roles.join(', '),
    hint: 'Comma-separated; empty removes every role.'});
  const edit = form({class: 'inline-form'}, roles.field, h('button', {type: 'submit', class: 'primary'}, 'Save'));
  edit.addEventListener('submit', async event => {
    event.preventDefault();
    clearErrors(edit);
    try {
      await api.put(`${path}/roles`, {roles: splitRoles(roles.input.value)});
      await reload();
    } catch (error) {
      showProblem(edit, error);
    }
  });
  return edit;
}
