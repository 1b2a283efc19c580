// The console's entry point: completes or starts the sign-in, learns who the user is, and shows one view per route
// (#/service-clients, #/clients, #/applications; for admins #/users and #/events).
import * as session from './session.js';
import * as api from './api.js';
import {h, replace, describe} from './dom.js';
import * as serviceClients from './views/service-clients.js';
import * as clients from './views/clients.js';
import * as applications from './views/applications.js';
import * as users from './views/users.js';
import * as events from './views/events.js';

const ROUTES = [
  {path: '/service-clients', title: 'Service clients', view: serviceClients},
  {path: '/clients', title: 'Registered clients', view: clients},
  {path: '/applications', title: 'Authorized applications', view: applications},
  {path: '/users', title: 'Users', view: users, admin: true},
  {path: '/events', title: 'Audit trail', view: events, admin: true},
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const account = document.getElementById('account');
let me = null;

start().catch(error => signedOut(error.message || 'The console could not start.'));

async function start() {
  if (!session.supported()) {
    replace(main, h('h1', {}, 'Tollgate console'),
      h('p', {id: 'unsupported', class: 'notice'}, 'The console signs in with PKCE, which browsers allow only over '
        + 'HTTPS or on localhost. Open it at its https:// address.'));
    return;
  }
  const params = new URLSearchParams(window.location.search);
  let returnTo = '';
  if (params.has('code') || params.has('error')) {
    returnTo = await session.completeSignIn(params);
  } else if (params.has('signed-out')) {
    window.history.replaceState(null, '', session.redirectUri);
    signedOut('You have signed out.');
    return;
  } else {
    await session.signIn(window.location.hash);
    return;
  }
  const info = await api.get('/oauth2/userinfo');
  me = {email: info.email || info.sub, roles: info.roles || [], admin: (info.roles || []).includes('admin')};
  session.onEnded(message => signedOut(message));
  document.getElementById('account-email').textContent = me.email;
  document.getElementById('sign-out').addEventListener('click', async () => {
    await session.signOut();
    window.location.assign(`${session.redirectUri}?signed-out`);
  });
  account.hidden = false;
  renderNav();
  nav.hidden = false;
  if (returnTo && returnTo.startsWith('#/')) {
    window.history.replaceState(null, '', session.redirectUri + returnTo);
  }
  window.addEventListener('hashchange', show);
  show();
}

function renderNav() {
  replace(nav, ROUTES.filter(route => !route.admin || me.admin).map(route =>
    h('a', {href: `#${route.path}`, id: `nav${route.path.replace('/', '-')}`}, route.title)));
}

function current() {
  const path = window.location.hash.replace(/^#/, '');
  return ROUTES.find(route => route.path === path && (!route.admin || me.admin)) || ROUTES[0];
}

async function show() {
  if (!session.signedIn()) {
    return;
  }
  const route = current();
  nav.querySelectorAll('a').forEach(link => {
    if (link.getAttribute('href') === `#${route.path}`) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  document.title = `${route.title} · Tollgate console`;
  const view = h('div', {id: `view${route.path.replace('/', '-')}`, class: 'view'});
  replace(main, view);
  try {
    await route.view.render(view, {me});
  } catch (error) {
    if (session.signedIn()) {
      view.append(h('p', {class: 'form-error', role: 'alert'}, describe(error)));
    }
  }
  const heading = view.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

function signedOut(message) {
  nav.hidden = true;
  account.hidden = true;
  const button = h('button', {type: 'button', id: 'sign-in', class: 'primary',
    onclick: () => session.signIn(window.location.hash)}, 'Sign in');
  replace(main, h('h1', {}, 'Tollgate console'),
    h('p', {id: 'signed-out', class: 'notice', role: 'status'}, message),
    h('p', {}, button));
  button.focus();
}
