// A repo: its files at any branch or commit (paged listing, previews, downloads), uploads,
// its commit history with sizes and provenance, and its branches.
import { h, replaceChildren, emptyState, errorBox, formatBytes, stateBadge, table, timeElement, shortID, link } from './dom.js';
import { getJSON, archiveURL, refPieces } from './api.js';
import { liveSection } from './live-section.js';
import { renderPreview } from './preview.js';
import { uploadPanel } from './upload.js';

const PAGE = 100;

function browseLink(project, repo, ref, path) {
  const parts = path.split('/').filter(Boolean);
  return link(['projects', project, 'repos', repo, 'browse', ref, ...parts]);
}

function pathCrumbs(project, repo, ref, path) {
  const parts = path.split('/').filter(Boolean);
  const crumbs = [h('a', { href: browseLink(project, repo, ref, '/') }, `${repo}@${ref.length === 32 ? shortID(ref) : ref}:/`)];
  parts.forEach((part, index) => {
    const target = '/' + parts.slice(0, index + 1).join('/');
    crumbs.push(index === parts.length - 1 ? h('span', { 'aria-current': 'location' }, part) : h('a', { href: browseLink(project, repo, ref, target) }, part));
    if (index < parts.length - 1) crumbs.push(h('span', { class: 'muted' }, ' / '));
  });
  return h('nav', { class: 'path', 'aria-label': 'Folder path' }, crumbs);
}

/** A list that loads `PAGE` items at a time behind a "Show more" button, and refreshes the
 * items already shown on the live refresh. */
async function pagedSection(parent, scope, { title, id, load, row, headers, empty, before, live = true }) {
  let count = PAGE;
  const state = { total: 0 };
  const section = await liveSection(parent, scope, {
    title, id, live,
    load: () => load(0, Math.min(Math.max(count, PAGE), 1000)),
    draw: (data) => {
      state.total = data.total;
      const nodes = before ? [before(data)] : [];
      if (data.total === 0) return [...nodes, empty(data)];
      nodes.push(table(headers, data.items.map(row), title));
      const shown = data.items.length;
      nodes.push(h('p', { class: 'muted small', id: `${id}-count` }, `Showing ${shown} of ${data.total}.`));
      if (shown < data.total) {
        nodes.push(h('button', {
          type: 'button', class: 'secondary more', id: `${id}-more`, 'data-key': `${id}-more`,
          onclick: async () => { count = shown + PAGE; await section.reload(); },
        }, `Show ${Math.min(PAGE, data.total - shown)} more`));
      }
      return nodes;
    },
  });
  return section;
}

async function filesSection(main, scope, { project, repo, ref, path, isBranch }) {
  let info;
  try {
    info = path === '/' ? { type: 'dir' } : await getJSON([...refPieces(project, repo, ref), 'file'], { path });
  } catch (error) {
    main.append(h('section', { class: 'panel' }, h('h2', {}, 'Files'), pathCrumbs(project, repo, ref, path), errorBox(error, 'Could not open this path')));
    return;
  }
  if (info.type === 'file') {
    const body = h('div', { class: 'section-body' }, h('p', { class: 'loading' }, 'Loading the preview…'));
    main.append(h('section', { class: 'panel', id: 'file', 'aria-labelledby': 'file-title' },
      h('div', { class: 'panel-head' }, h('h2', { id: 'file-title' }, `File ${info.name}`)), pathCrumbs(project, repo, ref, path), body));
    replaceChildren(body, await renderPreview(project, repo, ref, path, info));
    return info;
  }
  const section = await pagedSection(main, scope, {
    title: 'Files', id: 'files',
    load: (offset, limit) => getJSON([...refPieces(project, repo, ref), 'files'], { path, offset, limit }),
    headers: ['Name', 'Type', 'Size'],
    before: (data) => h('div', { class: 'files-head' }, pathCrumbs(project, repo, ref, path),
      data.total > 0 ? h('a', { class: 'button secondary', href: archiveURL(project, repo, ref, path), download: true, id: 'download-folder' },
        path === '/' ? 'Download all (.tar)' : 'Download folder (.tar)') : null),
    row: (file) => h('tr', { 'data-file': file.path },
      h('td', {}, h('a', { href: browseLink(project, repo, ref, file.path), 'data-key': `file-${file.path}` },
        file.type === 'dir' ? `${file.name}/` : file.name)),
      h('td', {}, file.type === 'dir' ? 'folder' : 'file'),
      h('td', { class: 'number' }, formatBytes(file.size_bytes))),
    live: isBranch,
    empty: () => emptyState(
      path === '/' ? 'No files yet — upload files below.' : 'This folder is empty.',
      path === '/' ? `tusk put file ${repo}@${isBranch ? ref : 'master'}:/path -f file` : null),
  });
  return { type: 'dir', section };
}

export async function repoPage(main, params, scope) {
  const { project, repo } = params;
  const info = await getJSON(['projects', project, 'repos', repo]);
  main.append(h('h1', {}, `Repo ${info.name}`));
  main.append(h('p', { class: 'lead' }, info.description || '',
    info.pipeline ? h('span', {}, ' Written by ', h('a', { href: link(['projects', project, 'pipelines', info.pipeline]) }, `pipeline ${info.pipeline}`), '.') : null,
    ` ${formatBytes(info.size_bytes)} on its main branch.`));
  const ref = params.ref || (info.branches.includes('master') ? 'master' : info.branches[0]);
  const isBranch = ref !== undefined && !/^[0-9a-f]{32}$/i.test(ref);
  if (info.branches.length > 0) {
    main.append(h('nav', { class: 'branch-tabs', 'aria-label': 'Branches' }, h('span', { class: 'muted' }, 'Branch: '),
      info.branches.map((branch) => h('a', { href: browseLink(project, repo, branch, '/'), class: branch === ref ? 'current' : null, 'aria-current': branch === ref ? 'true' : null }, branch)),
      isBranch ? null : h('span', { class: 'commit-pill' }, `commit ${shortID(ref)}`)));
  }
  let filesShown = null;
  if (ref === undefined) {
    main.append(h('section', { class: 'panel', id: 'files' }, h('h2', {}, 'Files'),
      emptyState('No commits yet — upload files below.', `tusk put file ${repo}@master:/path -f file`)));
  } else {
    filesShown = await filesSection(main, scope, { project, repo, ref, path: params.path, isBranch });
  }
  if (!info.pipeline) {
    const shownFolder = filesShown && filesShown.type === 'file' ? params.path.replace(/\/[^/]*$/, '') || '/' : params.path;
    const directory = shownFolder && ref !== undefined ? shownFolder : '/';
    main.append(h('section', { class: 'panel', id: 'upload', 'aria-labelledby': 'upload-title' },
      h('h2', { id: 'upload-title' }, 'Upload'),
      uploadPanel(project, repo, { branch: isBranch ? ref : 'master', directory }, async (result, branch) => {
        const target = browseLink(project, repo, branch, directory);
        if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
        else location.hash = target;
      })));
  }
  await pagedSection(main, scope, {
    title: 'Commits', id: 'commits',
    load: (offset, limit) => getJSON(['projects', project, 'repos', repo, 'commits'], { offset, limit }),
    headers: ['Commit', 'Branch', 'Started', 'Size', 'Files', 'State', 'Provenance'],
    row: (commit) => h('tr', { 'data-commit': commit.id },
      h('td', {}, h('a', { href: browseLink(project, repo, commit.id, '/'), title: commit.id, 'data-key': `commit-${commit.id}` }, h('code', {}, shortID(commit.id))),
        commit.description ? h('div', { class: 'muted small' }, commit.description) : null),
      h('td', {}, commit.branch || '—'),
      h('td', {}, timeElement(commit.started)),
      h('td', { class: 'number' }, formatBytes(commit.size_bytes)),
      h('td', { class: 'number' }, String(commit.file_count)),
      h('td', {}, stateBadge(commit.error ? 'failure' : commit.state, commit.error || null)),
      h('td', {}, commit.direct_provenance.length === 0 ? h('span', { class: 'muted' }, commit.origin === 'user' ? 'uploaded' : '—')
        : commit.direct_provenance.map((source) => h('a', {
          href: browseLink(source.project, source.repo, source.id, '/'), class: 'provenance', title: `${source.repo}@${source.id}`,
        }, `${source.repo}@${shortID(source.id)}`)))),
    empty: () => emptyState('No commits yet — upload files or put them from a terminal.', `tusk put file ${repo}@master:/path -f file`),
  });
  await liveSection(main, scope, {
    title: 'Branches', id: 'branches',
    load: () => getJSON(['projects', project, 'repos', repo, 'branches']),
    draw: (data) => data.items.length === 0 ? emptyState('No branches yet; the first upload creates one.')
      : table(['Branch', 'Head', 'Computed from', 'Updated'], data.items.map((branch) => h('tr', {},
        h('td', {}, h('a', { href: browseLink(project, repo, branch.name, '/') }, branch.name)),
        h('td', {}, branch.head ? h('a', { href: browseLink(project, repo, branch.head, '/') }, h('code', {}, shortID(branch.head))) : h('span', { class: 'muted' }, 'no commits')),
        h('td', {}, branch.direct_provenance.map((source) => `${source.repo}@${source.branch}`).join(', ') || h('span', { class: 'muted' }, '—')),
        h('td', {}, timeElement(branch.updated)))), 'Branches'),
  });
}
