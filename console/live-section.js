// A part of a page that loads its data, draws it, shows its own errors, and redraws itself on
// the page's live refresh only when the data changed.
import { h, replaceChildren, errorBox } from './dom.js';

/** Creates a section under `parent`: `load()` fetches, `draw(data)` returns nodes. */
export async function liveSection(parent, scope, { title, id, load, draw, actions, live = true }) {
  const body = h('div', { class: 'section-body', 'aria-busy': 'true' }, h('p', { class: 'loading' }, 'Loading…'));
  const section = h('section', { class: 'panel', id, 'aria-labelledby': id ? `${id}-title` : null },
    title ? h('div', { class: 'panel-head' }, h('h2', { id: id ? `${id}-title` : null }, title), actions || null) : null,
    body);
  parent.append(section);
  let last = null;
  const run = async (forced) => {
    let data;
    try {
      data = await load();
    } catch (error) {
      if (scope.active) {
        last = null;
        replaceChildren(body, errorBox(error, title ? `Could not load ${title.toLowerCase()}` : 'Could not load this'));
        body.removeAttribute('aria-busy');
      }
      return;
    }
    if (!scope.active) return;
    const text = JSON.stringify(data);
    if (!forced && text === last) return;
    last = text;
    replaceChildren(body, draw(data));
    body.removeAttribute('aria-busy');
  };
  await run(true);
  if (live) scope.every(() => run(false));
  return { section, body, reload: () => run(true) };
}
