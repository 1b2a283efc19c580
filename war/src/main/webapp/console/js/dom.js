// Small DOM helpers. Every text from the server goes in as text (textContent), never as markup.

/** h('button', {type: 'button', onclick: f}, 'Text', child...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'value') {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
}

let unique = 0;

/** A unique element id with a readable prefix. */
export function uid(prefix) {
  unique += 1;
  return `${prefix}-${unique}`;
}

/**
 * A labelled input with its hint and its error paragraph: {field, input}. The API's validation `errors` name the
 * field by `name`; showProblem() puts each message beside the input of that name.
 */
export function field(label, name, options = {}) {
  const id = options.id || uid(name);
  const errorId = `${id}-error`;
  const hintId = options.hint ? `${id}-hint` : null;
  const input = h('input', {
    id, name,
    type: options.type || 'text',
    required: options.required || false,
    autocomplete: options.autocomplete || 'off',
    placeholder: options.placeholder || null,
    value: options.value ?? null,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
  });
  const wrapper = h('div', {class: 'field'},
    h('label', {for: id}, label),
    input,
    hintId ? h('span', {class: 'hint', id: hintId}, options.hint) : null,
    h('p', {class: 'field-error', id: errorId, 'data-error-for': name}));
  return {field: wrapper, input};
}

/** A form with a form-level error area (role=alert) first. */
export function form(attributes, ...children) {
  const formElement = h('form', {novalidate: true, ...attributes},
    h('div', {class: 'form-error', role: 'alert'}), ...children);
  return formElement;
}

/** Clears the errors a form shows. */
export function clearErrors(formElement) {
  formElement.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
  formElement.querySelectorAll('[aria-invalid]').forEach(input => input.removeAttribute('aria-invalid'));
  const general = formElement.querySelector('.form-error');
  if (general) {
    general.textContent = '';
  }
}

/**
 * Shows an API error in a form: each entry of a problem's `errors` beside the field it names, the rest (the
 * problem's detail, or an error for no field here) in the form's alert; focus goes to the first field at fault.
 */
export function showProblem(formElement, error) {
  clearErrors(formElement);
  const problem = error.problem || {};
  const general = [];
  let first = null;
  for (const [name, messages] of Object.entries(problem.errors || {})) {
    const text = Array.isArray(messages) ? messages.join(' ') : String(messages);
    const input = formElement.elements.namedItem(name);
    const slot = formElement.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    if (input && slot) {
      slot.textContent = text;
      input.setAttribute('aria-invalid', 'true');
      first = first || input;
    } else {
      general.push(`${name}: ${text}`);
    }
  }
  const alert = formElement.querySelector('.form-error');
  alert.textContent = [describe(error), ...general].filter(Boolean).join(' ');
  (first || alert).focus?.();
  if (!first) {
    alert.setAttribute('tabindex', '-1');
    alert.focus();
  }
}

/** A sentence for an API error: the problem's detail, else its title, else the status. */
export function describe(error) {
  const problem = error.problem || {};
  if (problem.detail) {
    return problem.detail;
  }
  if (problem.error_description) {
    return problem.error_description;
  }
  if (problem.title) {
    return problem.title;
  }
  return error.message || 'The request failed.';
}

/** A date for epoch seconds or an ISO string. */
export function time(value) {
  if (value === null || value === undefined || value === '') {
    return '';
  }
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) {
    return String(value);
  }
  return h('time', {datetime: date.toISOString()}, date.toLocaleString());
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
}

/** A two-step action: the first press asks, the second does it; Cancel (or Escape) goes back. */
export function confirmButton(label, question, action, options = {}) {
  const holder = h('span', {class: 'actions'});
  const start = h('button', {type: 'button', class: options.class || 'danger-outline', onclick: ask}, label);
  holder.append(start);
  function ask() {
    const yes = h('button', {type: 'button', class: 'danger confirm', onclick: run}, `Yes, ${label.toLowerCase()}`);
    const no = h('button', {type: 'button', class: 'cancel', onclick: back}, 'Cancel');
    holder.replaceChildren(h('span', {}, question), yes, no);
    holder.addEventListener('keydown', escape);
    yes.focus();
  }
  function escape(event) {
    if (event.key === 'Escape') {
      back();
    }
  }
  function back() {
    holder.removeEventListener('keydown', escape);
    holder.replaceChildren(start);
    start.focus();
  }
  async function run(event) {
    event.target.disabled = true;
    try {
      await action();
    } finally {
      event.target.disabled = false;
    }
  }
  return holder;
}
