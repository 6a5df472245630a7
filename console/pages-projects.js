// The projects list and a project's page (its DAG, repos and pipelines).
import { h, emptyState, errorBox, formatBytes, stateBadge, table, timeElement, announce, link } from './dom.js';
import { getJSON, sendJSON } from './api.js';
import { liveSection } from './live-section.js';
import { renderDAG } from './dag.js';

/** A small form with inline errors: fields [{name, label, required, pattern, hint}]. */
export function createForm({ id, legend, fields, submitLabel, onSubmit }) {
  const error = h('div', { class: 'form-error', 'aria-live': 'assertive' });
  const inputs = fields.map((field) => h('input', {
    id: `${id}-${field.name}`, name: field.name, 'data-key': `${id}-${field.name}`, required: field.required || null, autocomplete: 'off',
    pattern: field.pattern || null, placeholder: field.placeholder || null, 'aria-describedby': field.hint ? `${id}-${field.name}-hint` : null,
  }));
  const button = h('button', { type: 'submit' }, submitLabel);
  const form = h('form', {
    id, class: 'inline-form', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      error.replaceChildren();
      const values = Object.fromEntries(inputs.map((input) => [input.name, input.value.trim()]));
      const missing = fields.find((field) => field.required && !values[field.name]);
      if (missing) {
        error.replaceChildren(errorBox(new Error(`give the ${missing.label.toLowerCase()}`)));
        inputs[fields.indexOf(missing)].focus();
        return;
      }
      button.disabled = true;
      try {
        await onSubmit(values);
        inputs.forEach((input) => { input.value = ''; });
      } catch (failure) {
        error.replaceChildren(errorBox(failure, 'Not created'));
      } finally {
        button.disabled = false;
      }
    },
  },
  h('fieldset', {}, h('legend', {}, legend),
    fields.map((field, index) => h('div', { class: 'field' },
      h('label', { for: `${id}-${field.name}` }, field.label),
      inputs[index],
      field.hint ? h('small', { id: `${id}-${field.name}-hint` }, field.hint) : null)),
    button),
  error);
  return form;
}

export async function projectsPage(main, _params, scope) {
  main.append(h('h1', {}, 'Projects'));
  main.append(h('p', { class: 'lead' }, 'Each project holds repos of versioned data and the pipelines that process them.'));
  let section;
  main.append(createForm({
    id: 'create-project', legend: 'Create a project', submitLabel: 'Create project',
    fields: [
      { name: 'name', label: 'Name', required: true, hint: 'letters, digits, - and _', placeholder: 'images' },
      { name: 'description', label: 'Description', placeholder: 'what the project is for' },
    ],
    onSubmit: async (values) => {
      const project = await sendJSON('POST', ['projects'], values);
      announce(`Project ${project.name} created`);
      await section.reload();
    },
  }));
  section = await liveSection(main, scope, {
    title: 'All projects', id: 'projects',
    load: () => getJSON(['projects']),
    draw: (data) => data.items.length === 0
      ? emptyState('No projects yet — create one above.', 'tusk create project NAME')
      : table(['Name', 'Description', 'Created'], data.items.map((project) => h('tr', { 'data-project': project.name },
        h('td', {}, h('a', { href: link(['projects', project.name]), 'data-key': `project-${project.name}` }, project.name)),
        h('td', {}, project.description || h('span', { class: 'muted' }, '—')),
        h('td', {}, timeElement(project.created)))), 'Projects'),
  });
}

function legend() {
  const item = (className, text) => h('li', {}, h('span', { class: ['swatch', className], 'aria-hidden': 'true' }), text);
  return h('ul', { class: 'legend', 'aria-label': 'Colours of the graph' },
    item('swatch-success', 'last job succeeded'), item('swatch-running', 'job running'),
    item('swatch-failure', 'failed / crashing'), item('swatch-paused', 'paused or no jobs'));
}

export async function projectPage(main, { project }, scope) {
  const info = await getJSON(['projects', project]);
  main.append(h('h1', {}, `Project ${info.name}`));
  if (info.description) main.append(h('p', { class: 'lead' }, info.description));
  await liveSection(main, scope, {
    title: 'DAG', id: 'dag',
    load: () => getJSON(['projects', project, 'dag']),
    draw: (graph) => graph.nodes.length === 0
      ? emptyState('Nothing to draw yet — create a repo below, then a pipeline that reads it.', `tusk create pipeline -f spec.json --project ${project}`)
      : [legend(), h('div', { class: 'dag-scroll', tabindex: '-1' }, renderDAG(project, graph))],
  });
  let repos;
  const repoForm = createForm({
    id: 'create-repo', legend: 'Create a repo', submitLabel: 'Create repo',
    fields: [
      { name: 'name', label: 'Name', required: true, hint: 'letters, digits, - and _', placeholder: 'images' },
      { name: 'description', label: 'Description', placeholder: 'what goes in it' },
    ],
    onSubmit: async (values) => {
      const repo = await sendJSON('POST', ['projects', project, 'repos'], values);
      announce(`Repo ${repo.name} created`);
      await repos.reload();
    },
  });
  repos = await liveSection(main, scope, {
    title: 'Repos', id: 'repos', actions: null,
    load: () => getJSON(['projects', project, 'repos']),
    draw: (data) => [
      repoForm,
      data.items.length === 0
        ? emptyState('This project has no repos yet — create one above.', `tusk create repo NAME --project ${project}`)
        : table(['Name', 'Size', 'Branches', 'Written by', 'Created'], data.items.map((repo) => h('tr', { 'data-repo': repo.name },
          h('td', {}, h('a', { href: link(['projects', project, 'repos', repo.name]), 'data-key': `repo-${repo.name}` }, repo.name),
            repo.description ? h('div', { class: 'muted small' }, repo.description) : null),
          h('td', { class: 'number' }, formatBytes(repo.size_bytes)),
          h('td', {}, repo.branches.join(', ') || h('span', { class: 'muted' }, 'none')),
          h('td', {}, repo.pipeline ? h('a', { href: link(['projects', project, 'pipelines', repo.pipeline]) }, `pipeline ${repo.pipeline}`) : 'people'),
          h('td', {}, timeElement(repo.created)))), 'Repos'),
    ],
  });
  await liveSection(main, scope, {
    title: 'Pipelines', id: 'pipelines',
    load: () => getJSON(['projects', project, 'pipelines']),
    draw: (data) => data.items.length === 0
      ? emptyState('No pipelines yet.', `tusk create pipeline -f spec.json --project ${project}`)
      : table(['Name', 'State', 'Last job', 'Inputs', 'Reason'], data.items.map((pipeline) => h('tr', { 'data-pipeline': pipeline.name },
        h('td', {}, h('a', { href: link(['projects', project, 'pipelines', pipeline.name]), 'data-key': `pipeline-${pipeline.name}` }, pipeline.name)),
        h('td', {}, stateBadge(pipeline.state, pipeline.reason)),
        h('td', {}, pipeline.last_job_state ? stateBadge(pipeline.last_job_state) : h('span', { class: 'muted' }, 'none yet')),
        h('td', {}, pipeline.inputs.map((input) => `${input.repo}@${input.branch}`).join(', ')),
        h('td', { class: 'reason' }, pipeline.reason || ''))), 'Pipelines'),
  });
}
