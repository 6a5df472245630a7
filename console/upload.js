// Uploading files and folders to repo@branch:/folder — a file picker, a folder picker and
// drag and drop, one commit per upload, with a progress bar.
import { h, errorBox, formatBytes, announce } from './dom.js';
import { uploadFiles } from './api.js';

/** Walks a dropped folder (a FileSystemEntry) into [{file, name}]. */
async function entryFiles(entry, prefix) {
  if (entry.isFile) {
    const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
    return [{ file, name: prefix + file.name }];
  }
  const reader = entry.createReader();
  const children = [];
  for (;;) {
    const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const files = [];
  for (const child of children) files.push(...await entryFiles(child, `${prefix}${entry.name}/`));
  return files;
}

async function droppedFiles(dataTransfer) {
  const entries = [...dataTransfer.items].map((item) => item.webkitGetAsEntry && item.webkitGetAsEntry()).filter(Boolean);
  if (entries.length === 0) return [...dataTransfer.files].map((file) => ({ file, name: file.name }));
  const files = [];
  for (const entry of entries) files.push(...await entryFiles(entry, ''));
  return files;
}

/** The last upload's outcome, shown again by the next panel (the page redraws after an upload). */
let notice = null;

function successMessage(result, target) {
  return h('p', { class: 'success', id: 'upload-done' },
    `Uploaded ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${target} in commit `, h('code', {}, result.commit.slice(0, 8)), '.');
}

/** The upload panel. `defaults` = {branch, directory}; `onDone(result)` after a success. */
export function uploadPanel(project, repo, defaults, onDone) {
  let chosen = [];
  const branch = h('input', { id: 'upload-branch', name: 'branch', value: defaults.branch, required: true, autocomplete: 'off' });
  const directory = h('input', { id: 'upload-directory', name: 'directory', value: defaults.directory, autocomplete: 'off' });
  const filePicker = h('input', { id: 'upload-files', type: 'file', multiple: true, class: 'visually-hidden-input' });
  const folderPicker = h('input', { id: 'upload-folder', type: 'file', webkitdirectory: true, class: 'visually-hidden-input' });
  const list = h('ul', { class: 'upload-list', id: 'upload-list' });
  const status = h('div', { class: 'upload-status', 'aria-live': 'polite', id: 'upload-status' });
  const progress = h('progress', { max: '100', value: '0', hidden: true, id: 'upload-progress', 'aria-label': 'Upload progress' });
  const submit = h('button', { type: 'submit', id: 'upload-submit', disabled: true }, 'Upload');
  const clear = h('button', { type: 'button', class: 'secondary', disabled: true, onclick: () => setChosen([]) }, 'Clear');

  function setChosen(files) {
    chosen = files;
    if (files.length === 0) { filePicker.value = ''; folderPicker.value = ''; }
    list.replaceChildren(...files.slice(0, 50).map(({ file, name }) => h('li', {}, name, ' ', h('span', { class: 'muted' }, formatBytes(file.size)))));
    if (files.length > 50) list.append(h('li', { class: 'muted' }, `… and ${files.length - 50} more`));
    const total = files.reduce((sum, { file }) => sum + file.size, 0);
    submit.disabled = files.length === 0;
    clear.disabled = files.length === 0;
    submit.textContent = files.length ? `Upload ${files.length} file${files.length === 1 ? '' : 's'} (${formatBytes(total)})` : 'Upload';
    status.replaceChildren();
  }

  filePicker.addEventListener('change', () => setChosen([...filePicker.files].map((file) => ({ file, name: file.name }))));
  folderPicker.addEventListener('change', () => setChosen([...folderPicker.files].map((file) => ({ file, name: file.webkitRelativePath || file.name }))));

  const zone = h('div', { class: 'drop-zone', id: 'drop-zone' },
    h('p', {}, 'Drop files or folders here, or '),
    h('label', { for: 'upload-files', class: 'button secondary', tabindex: '0', role: 'button',
      onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); filePicker.click(); } } }, 'choose files'),
    ' ',
    h('label', { for: 'upload-folder', class: 'button secondary', tabindex: '0', role: 'button',
      onkeydown: (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); folderPicker.click(); } } }, 'choose a folder'),
    filePicker, folderPicker);
  zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', async (event) => {
    event.preventDefault();
    zone.classList.remove('dragging');
    try { setChosen(await droppedFiles(event.dataTransfer)); } catch (error) { status.replaceChildren(errorBox(error, 'Could not read the dropped files')); }
  });

  const form = h('form', {
    class: 'upload-form', id: 'upload-form',
    onsubmit: async (event) => {
      event.preventDefault();
      if (!branch.value.trim()) { status.replaceChildren(errorBox(new Error('give the branch to upload to'))); branch.focus(); return; }
      submit.disabled = true;
      progress.hidden = false;
      progress.value = 0;
      const target = `${repo}@${branch.value.trim()}:${directory.value.trim() || '/'}`;
      status.replaceChildren(h('span', {}, `Uploading to ${target}…`));
      const upload = uploadFiles(project, repo, branch.value.trim(), directory.value.trim() || '/', chosen, (loaded, total) => {
        progress.value = total ? Math.round((loaded / total) * 100) : 0;
      });
      try {
        const result = await upload.promise;
        progress.value = 100;
        setChosen([]);
        status.replaceChildren(successMessage(result, target));
        notice = { project, repo, result, target };
        announce(`Upload finished: ${result.files.length} files`);
        await onDone(result, branch.value.trim());
      } catch (error) {
        status.replaceChildren(errorBox(error, 'Upload failed'));
        submit.disabled = chosen.length === 0;
      } finally {
        progress.hidden = true;
      }
    },
  },
  h('div', { class: 'field-row' },
    h('div', { class: 'field' }, h('label', { for: 'upload-branch' }, 'Branch'), branch),
    h('div', { class: 'field' }, h('label', { for: 'upload-directory' }, 'Into folder'), directory)),
  zone, list, h('div', { class: 'actions' }, submit, clear), progress, status);
  if (notice && notice.project === project && notice.repo === repo) status.replaceChildren(successMessage(notice.result, notice.target));
  notice = null;
  return form;
}
