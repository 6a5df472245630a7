// A pipeline (spec, state and reason, jobs), a job (datums, filtered by state) and a datum
// (inputs and log), all refreshing themselves while jobs run.
import { h, emptyState, formatBytes, formatDuration, elapsed, stateBadge, table, timeElement, shortID, link } from './dom.js';
import { getJSON } from './api.js';
import { liveSection } from './live-section.js';

const PAGE = 100;

function pipelinePieces(project, pipeline) {
  return ['projects', project, 'pipelines', pipeline];
}

function definitionList(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

function datumProgress(job) {
  const d = job.datums;
  const done = d.processed + d.skipped + d.failed + d.recovered;
  return h('div', { class: 'datum-progress' },
    h('span', {}, `${done} of ${d.total}`),
    d.total > 0 ? h('progress', { max: String(d.total), value: String(done), 'aria-label': `${done} of ${d.total} datums done` }) : null,
    h('span', { class: 'muted small' }, [
      d.processed ? `${d.processed} processed` : null, d.skipped ? `${d.skipped} skipped` : null,
      d.failed ? `${d.failed} failed` : null, d.recovered ? `${d.recovered} recovered` : null,
    ].filter(Boolean).join(', ')));
}

function jobDuration(job) {
  return job.duration_seconds !== null ? formatDuration(job.duration_seconds)
    : (job.started ? `${formatDuration(elapsed(job.started, null))} so far` : 'not started');
}

function logView(data, emptyText) {
  if (data.items.length === 0) return emptyState(emptyText);
  return [
    data.truncated ? h('p', { class: 'muted small' }, `Showing the last ${data.items.length} of ${data.total} lines.`) : null,
    h('pre', { class: 'log', tabindex: '0', 'aria-label': 'Log lines' }, data.items.map((line) => h('span', { class: ['log-line', line.user ? 'log-user' : 'log-system'] },
      h('span', { class: 'log-time' }, new Date(line.time).toLocaleTimeString()), ' ', line.message, '\n'))),
  ];
}

/** A paged list whose loaded length grows with "Show more" and refreshes live. */
async function pagedList(main, scope, { title, id, load, headers, row, empty, before }) {
  let count = PAGE;
  const section = await liveSection(main, scope, {
    title, id,
    load: () => load(Math.min(count, 1000)),
    draw: (data) => {
      const nodes = before ? [before(data)] : [];
      if (data.items.length === 0) return [...nodes, empty(data)];
      nodes.push(table(headers, data.items.map(row), title));
      nodes.push(h('p', { class: 'muted small' }, `Showing ${data.items.length} of ${data.total}.`));
      if (data.items.length < data.total) {
        nodes.push(h('button', { type: 'button', class: 'secondary more', id: `${id}-more`, 'data-key': `${id}-more`,
          onclick: async () => { count = data.items.length + PAGE; await section.reload(); } }, `Show ${Math.min(PAGE, data.total - data.items.length)} more`));
      }
      return nodes;
    },
  });
  return section;
}

export async function pipelinePage(main, { project, pipeline }, scope) {
  const pieces = pipelinePieces(project, pipeline);
  const first = await getJSON(pieces);
  main.append(h('h1', {}, `Pipeline ${first.name}`));
  if (first.description) main.append(h('p', { class: 'lead' }, first.description));
  await liveSection(main, scope, {
    title: 'State', id: 'pipeline-state',
    load: () => getJSON(pieces),
    draw: (info) => definitionList([
      ['State', h('span', { id: 'pipeline-state-value' }, stateBadge(info.state, info.reason))],
      info.reason ? ['Reason', h('span', { class: 'reason', id: 'pipeline-reason' }, info.reason)] : null,
      ['Last job', info.last_job_state ? stateBadge(info.last_job_state) : h('span', { class: 'muted' }, 'none yet')],
      ['Inputs', info.inputs.length === 0 ? 'none' : info.inputs.map((input) => h('div', {},
        h('a', { href: link(['projects', input.project, 'repos', input.repo]) }, `${input.repo}@${input.branch}`),
        input.kind === 'cron' ? ` (cron ${input.glob})` : ` glob ${input.glob}`))],
      ['Output', h('a', { href: link(['projects', project, 'repos', info.name]) }, `${info.name}@${info.output_branch}`)],
      ['Version', `${info.version} (${info.kind}), updated `, timeElement(info.updated)],
    ]),
  });
  await pagedList(main, scope, {
    title: 'Jobs', id: 'jobs',
    load: (limit) => getJSON([...pieces, 'jobs'], { limit }),
    headers: ['Job', 'State', 'Datums', 'Started', 'Duration', 'Reason'],
    row: (job) => h('tr', { 'data-job': job.id, 'data-state': job.state },
      h('td', {}, h('a', { href: link([...pieces, 'jobs', job.id]), title: job.id, 'data-key': `job-${job.id}` }, h('code', {}, shortID(job.id)))),
      h('td', {}, stateBadge(job.state, job.reason)),
      h('td', {}, datumProgress(job)),
      h('td', {}, timeElement(job.started || job.created)),
      h('td', { class: 'number' }, jobDuration(job)),
      h('td', { class: 'reason' }, job.reason || '')),
    empty: () => emptyState('No jobs yet — a job starts when an input repo of this pipeline gets a commit.', `tusk put file ${(first.inputs[0] || { repo: 'REPO' }).repo}@master:/path -f file`),
  });
  main.append(h('section', { class: 'panel', id: 'spec' }, h('details', {},
    h('summary', {}, h('h2', { class: 'inline' }, 'Spec')),
    h('pre', { class: 'spec', tabindex: '0' }, JSON.stringify(first.spec, null, 2)))));
  const logs = h('details', { id: 'pipeline-logs' }, h('summary', {}, h('h2', { class: 'inline' }, 'Pipeline log')));
  main.append(h('section', { class: 'panel' }, logs));
  let loaded = false;
  logs.addEventListener('toggle', async () => {
    if (!logs.open || loaded) return;
    loaded = true;
    await liveSection(logs, scope, { load: () => getJSON([...pieces, 'logs'], { limit: 500 }), draw: (data) => logView(data, 'The pipeline has logged nothing yet.') });
  });
}

const FILTERS = [['', 'All'], ['failed', 'Failed'], ['success', 'Succeeded'], ['skipped', 'Skipped'], ['starting', 'Running'], ['recovered', 'Recovered']];

export async function jobPage(main, { project, pipeline, job, state }, scope) {
  const pieces = [...pipelinePieces(project, pipeline), 'jobs', job];
  const first = await getJSON(pieces);
  main.append(h('h1', {}, `Job ${shortID(first.id)} of pipeline ${pipeline}`));
  await liveSection(main, scope, {
    title: 'Summary', id: 'job-summary',
    load: () => getJSON(pieces),
    draw: (info) => definitionList([
      ['State', h('span', { id: 'job-state', 'data-state': info.state }, stateBadge(info.state, info.reason))],
      info.reason ? ['Reason', h('span', { class: 'reason' }, info.reason)] : null,
      ['Datums', datumProgress(info)],
      ['Created', timeElement(info.created)],
      ['Started', timeElement(info.started)],
      ['Finished', timeElement(info.finished)],
      ['Duration', jobDuration(info)],
      ['Output commit', h('a', { href: link(['projects', project, 'repos', pipeline, 'browse', info.output_commit]) }, `${pipeline}@${shortID(info.output_commit)}`)],
      ['Job id', h('code', {}, info.id)],
    ]),
  });
  await pagedList(main, scope, {
    title: 'Datums', id: 'datums',
    load: (limit) => getJSON([...pieces, 'datums'], { limit, state }),
    before: (data) => h('nav', { class: 'filters', 'aria-label': 'Filter datums by state' }, FILTERS.map(([value, label]) => {
      const count = value ? data.counts[value] : Object.values(data.counts).reduce((sum, n) => sum + n, 0);
      return h('a', {
        href: link([...pipelinePieces(project, pipeline), 'jobs', job], value ? { state: value } : null),
        class: ['filter', value === state ? 'current' : null], 'aria-current': value === state ? 'true' : null, id: `filter-${value || 'all'}`,
      }, `${label} (${count})`);
    })),
    headers: ['Datum', 'State', 'Attempts', 'Exit code', 'Duration', 'Inputs', 'Reason'],
    row: (datum) => h('tr', { 'data-datum': datum.id, 'data-state': datum.state },
      h('td', {}, h('a', { href: link([...pieces, 'datums', datum.id]), title: datum.id, 'data-key': `datum-${datum.id}` }, h('code', {}, shortID(datum.id)))),
      h('td', {}, stateBadge(datum.state, datum.reason)),
      h('td', { class: 'number' }, String(datum.attempts)),
      h('td', { class: 'number' }, datum.exit_code === null ? '—' : String(datum.exit_code)),
      h('td', { class: 'number' }, datum.duration_seconds === null ? '—' : formatDuration(datum.duration_seconds)),
      h('td', {}, datum.inputs.map((input) => h('div', {}, `${input.repo}:${input.path}`))),
      h('td', { class: 'reason' }, datum.reason || '')),
    empty: () => emptyState(state ? `No ${state === 'starting' ? 'running' : state} datums in this job.` : 'This job has no datums yet.'),
  });
  const logs = h('details', { id: 'job-logs' }, h('summary', {}, h('h2', { class: 'inline' }, 'Job log')));
  main.append(h('section', { class: 'panel' }, logs));
  let loaded = false;
  logs.addEventListener('toggle', async () => {
    if (!logs.open || loaded) return;
    loaded = true;
    await liveSection(logs, scope, { load: () => getJSON([...pieces, 'logs'], { limit: 1000 }), draw: (data) => logView(data, 'The job has logged nothing yet.') });
  });
}

export async function datumPage(main, { project, pipeline, job, datum }, scope) {
  const pieces = [...pipelinePieces(project, pipeline), 'jobs', job, 'datums', datum];
  const first = await getJSON(pieces);
  main.append(h('h1', {}, `Datum ${shortID(first.id)}`));
  await liveSection(main, scope, {
    title: 'Summary', id: 'datum-summary',
    load: () => getJSON(pieces),
    draw: (info) => definitionList([
      ['State', h('span', { id: 'datum-state', 'data-state': info.state }, stateBadge(info.state, info.reason))],
      info.reason ? ['Reason', h('span', { class: 'reason', id: 'datum-reason' }, info.reason)] : null,
      ['Attempts', String(info.attempts)],
      ['Exit code', info.exit_code === null ? '—' : String(info.exit_code)],
      ['Started', timeElement(info.started)],
      ['Duration', info.duration_seconds === null ? '—' : formatDuration(info.duration_seconds)],
      ['Data', `${formatBytes(info.stats.download_bytes)} in, ${formatBytes(info.stats.upload_bytes)} out`],
      ['Job', h('a', { href: link([...pipelinePieces(project, pipeline), 'jobs', job]) }, shortID(job))],
      ['Datum id', h('code', {}, info.id)],
    ]),
  });
  main.append(h('section', { class: 'panel', id: 'datum-inputs' }, h('h2', {}, 'Inputs'),
    first.inputs.length === 0 ? emptyState('This datum has no input files.')
      : table(['Input', 'File', 'Commit', 'Hash'], first.inputs.map((input) => h('tr', {},
        h('td', {}, input.name),
        h('td', {}, h('a', { href: link(['projects', project, 'repos', input.repo, 'browse', input.commit, ...input.path.split('/').filter(Boolean)]) }, `${input.repo}:${input.path}`),
          input.type === 'dir' ? ' (folder)' : null),
        h('td', {}, h('code', {}, shortID(input.commit))),
        h('td', {}, h('code', { title: input.hash }, input.hash.slice(0, 12))))), 'Inputs')));
  await liveSection(main, scope, {
    title: 'Log', id: 'datum-log',
    load: () => getJSON([...pieces, 'logs'], { limit: 2000 }),
    draw: (data) => logView(data, first.stderr_tail ? 'No log lines were stored; the end of stderr is below.' : 'This datum printed nothing.'),
  });
  if (first.stderr_tail) {
    main.append(h('section', { class: 'panel', id: 'datum-stderr' }, h('h2', {}, 'End of stderr'), h('pre', { class: 'log', tabindex: '0' }, first.stderr_tail)));
  }
}
