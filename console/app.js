// The Tusk console: a single page whose routes live after '#', drawn from the JSON API.
import { h, replaceChildren, errorBox } from './dom.js';
import { projectsPage, projectPage } from './pages-projects.js';
import { repoPage } from './pages-repo.js';
import { pipelinePage, jobPage, datumPage } from './pages-pipeline.js';

const REFRESH_MILLISECONDS = 2000;

/** The refreshers of the page on screen; a new route gets a new scope and the old one stops. */
class LiveScope {
  constructor() {
    this.refreshers = [];
    this.active = true;
  }

  /** Calls `refresh` every couple of seconds while this page is shown. */
  every(refresh) {
    this.refreshers.push(refresh);
  }

  async refresh() {
    for (const refresh of this.refreshers) {
      if (!this.active) return;
      try { await refresh(); } catch (error) { console.warn('refresh failed', error); }
    }
  }
}

let scope = null;
let refreshing = false;
let firstNavigation = true;

function parseRoute() {
  const hash = decodeURI(location.hash.startsWith('#') ? location.hash.slice(1) : '') || '/';
  const [path, search] = location.hash.slice(1).split('?');
  const pieces = (path || '/').split('/').filter(Boolean).map((piece) => decodeURIComponent(piece));
  return { pieces, query: new URLSearchParams(search || ''), text: hash };
}

/** Matches the route pieces to a page and its parameters. */
function resolve(route) {
  const p = route.pieces;
  if (p.length === 0 || (p.length === 1 && p[0] === 'projects')) return { page: projectsPage, params: {}, crumbs: [] };
  if (p[0] !== 'projects') return null;
  const project = p[1];
  const crumbs = [{ label: project, href: `#/projects/${encodeURIComponent(project)}` }];
  if (p.length === 2) return { page: projectPage, params: { project }, crumbs };
  if (p[2] === 'repos' && p.length >= 4) {
    const repo = p[3];
    crumbs.push({ label: `repo ${repo}`, href: `#/projects/${encodeURIComponent(project)}/repos/${encodeURIComponent(repo)}` });
    if (p.length === 4) return { page: repoPage, params: { project, repo, ref: null, path: '/' }, crumbs };
    if (p[4] === 'browse' && p.length >= 6) {
      return { page: repoPage, params: { project, repo, ref: p[5], path: '/' + p.slice(6).join('/') }, crumbs };
    }
  }
  if (p[2] === 'pipelines' && p.length >= 4) {
    const pipeline = p[3];
    const pipelineHref = `#/projects/${encodeURIComponent(project)}/pipelines/${encodeURIComponent(pipeline)}`;
    crumbs.push({ label: `pipeline ${pipeline}`, href: pipelineHref });
    if (p.length === 4) return { page: pipelinePage, params: { project, pipeline }, crumbs };
    if (p[4] === 'jobs' && p.length >= 6) {
      const job = p[5];
      const jobHref = `${pipelineHref}/jobs/${encodeURIComponent(job)}`;
      crumbs.push({ label: `job ${job.slice(0, 8)}`, href: jobHref });
      if (p.length === 6) return { page: jobPage, params: { project, pipeline, job, state: route.query.get('state') || '' }, crumbs };
      if (p[6] === 'datums' && p.length === 8) {
        crumbs.push({ label: `datum ${p[7].slice(0, 8)}`, href: `${jobHref}/datums/${encodeURIComponent(p[7])}` });
        return { page: datumPage, params: { project, pipeline, job, datum: p[7] }, crumbs };
      }
    }
  }
  return null;
}

function renderBreadcrumbs(crumbs) {
  const nav = document.getElementById('breadcrumbs');
  const items = [{ label: 'Projects', href: '#/' }, ...crumbs];
  replaceChildren(nav, h('ol', {}, items.map((item, index) => h('li', {},
    index === items.length - 1
      ? h('a', { href: item.href, 'aria-current': 'page' }, item.label)
      : h('a', { href: item.href }, item.label)))));
}

async function navigate() {
  if (scope) scope.active = false;
  scope = new LiveScope();
  const main = document.getElementById('main');
  const route = parseRoute();
  const match = resolve(route);
  if (!match) {
    renderBreadcrumbs([]);
    replaceChildren(main, h('h1', { tabindex: '-1' }, 'Page not found'),
      errorBox(new Error(`the console has no page at #${route.text}`)), h('p', {}, h('a', { href: '#/' }, 'Go to the projects')));
    return;
  }
  renderBreadcrumbs(match.crumbs);
  replaceChildren(main);
  const current = scope;
  try {
    await match.page(main, match.params, current);
  } catch (error) {
    if (current.active) replaceChildren(main, h('h1', { tabindex: '-1' }, 'Something went wrong'), errorBox(error));
  }
  if (!current.active) return;
  const heading = main.querySelector('h1');
  // After a route change, focus the new page's heading (screen readers announce it); on the
  // first load leave focus at the start of the document, so Tab reaches the skip link first.
  if (heading && !firstNavigation && !main.contains(document.activeElement)) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
  document.title = `${heading ? heading.textContent : 'Tusk'} · Tusk console`;
  firstNavigation = false;
}

setInterval(async () => {
  if (!scope || refreshing || document.visibilityState === 'hidden') return;
  refreshing = true;
  const live = document.getElementById('live');
  live.classList.add('refreshing');
  try { await scope.refresh(); } finally {
    refreshing = false;
    live.classList.remove('refreshing');
  }
}, REFRESH_MILLISECONDS);

// The skip link moves focus without touching the hash (the hash holds the route).
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('main').focus();
});

window.addEventListener('hashchange', navigate);
navigate();
