// Small DOM and formatting helpers shared by every page of the console.

/** Creates an element: h('a', {href: '#/'}, 'text', child, ...). Attributes starting with
 * "on" become event listeners; null and false children are skipped. */
export function h(tag, attributes = {}, ...children) {
  const svg = tag.startsWith('svg:');
  const element = svg
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (name === 'dataset') {
      for (const [key, data] of Object.entries(value)) element.dataset[key] = data;
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `element`, keeping keyboard focus on the element with the same
 * data-key when one existed before (live refreshes must not throw the user's focus away). */
export function replaceChildren(element, ...children) {
  const active = document.activeElement;
  const key = active && element.contains(active) ? active.dataset.key : undefined;
  element.replaceChildren();
  append(element, children);
  if (key) {
    const again = element.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return unit === 0 ? `${value} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** Seconds from `start` until `end` (or now while it is still running). */
export function elapsed(start, end) {
  if (!start) return null;
  const stop = end ? Date.parse(end) : Date.now();
  return Math.max(0, (stop - Date.parse(start)) / 1000);
}

export function formatTime(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  return date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function relativeTime(iso) {
  if (!iso) return '';
  const seconds = (Date.now() - Date.parse(iso)) / 1000;
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

/** A <time> showing the local time, with the relative age in its title. */
export function timeElement(iso) {
  if (!iso) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: iso, title: relativeTime(iso) }, formatTime(iso));
}

/** A coloured state label; the state word is always written, so colour is never the only cue. */
export function stateBadge(state, reason) {
  const word = state || 'unknown';
  return h('span', { class: ['state', `state-${word}`], title: reason || null, 'data-state': word }, word.replace(/_/g, ' '));
}

export function shortID(id) {
  return id ? id.slice(0, 8) : '';
}

/** An empty-state message, with an optional command a CLI user would run instead. */
export function emptyState(text, command) {
  return h('div', { class: 'empty' }, h('p', {}, text), command ? h('p', {}, 'Or from a terminal: ', h('code', {}, command)) : null);
}

/** An error shown where it happened. */
export function errorBox(error, what) {
  const message = error && error.message ? error.message : String(error);
  return h('div', { class: 'error', role: 'alert' }, what ? h('strong', {}, `${what}: `) : null, message);
}

export function table(headers, rows, caption) {
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
      h('tbody', {}, rows)));
}

export function announce(text) {
  const region = document.getElementById('announcer');
  if (region) region.textContent = text;
}

/** Builds a console hash link from path pieces (each URI-encoded) and optional query. */
export function link(pieces, query) {
  const path = pieces.map((piece) => encodeURIComponent(piece)).join('/');
  const search = query ? '?' + new URLSearchParams(query).toString() : '';
  return `#/${path}${search}`;
}
