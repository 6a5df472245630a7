// Previews of a file at a commit: text, CSV as a table, JSON pretty-printed, images inline;
// anything else is offered as a download. Only the first part of a large file is fetched.
import { h, errorBox, formatBytes, table } from './dom.js';
import { fileHead, contentURL } from './api.js';

const PREVIEW_BYTES = 512 * 1024;
const CSV_ROWS = 200;

/** Splits CSV text into rows of fields (quotes, doubled quotes and CRLF handled). */
export function parseCSV(text, separator = ',') {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (quoted) {
      if (character === '"' && text[index + 1] === '"') { field += '"'; index += 1; }
      else if (character === '"') quoted = false;
      else field += character;
    } else if (character === '"' && field === '') {
      quoted = true;
    } else if (character === separator) {
      row.push(field); field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field); rows.push(row); row = []; field = '';
      if (rows.length > CSV_ROWS) break;
    } else {
      field += character;
    }
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

function looksLikeText(bytes) {
  const sample = bytes.subarray(0, 8192);
  return !sample.includes(0);
}

function truncatedNote(head) {
  return head.truncated
    ? h('p', { class: 'muted small' }, `Showing the first ${formatBytes(PREVIEW_BYTES)} of ${formatBytes(head.size)}. Download the file for all of it.`)
    : null;
}

/** The preview of `path` at `ref`, as nodes. */
export async function renderPreview(project, repo, ref, path, file) {
  const download = h('a', { class: 'button', href: contentURL(project, repo, ref, path, { download: '1' }), download: file.name }, `Download ${file.name}`);
  const meta = h('p', { class: 'file-meta' }, `${formatBytes(file.size_bytes)} · ${file.content_type} · content hash `, h('code', {}, file.hash.slice(0, 16)), ' ', download);
  if (file.content_type.startsWith('image/')) {
    return [meta, h('figure', { class: 'preview preview-image' },
      h('img', { src: contentURL(project, repo, ref, path), alt: `Preview of ${file.name}` }))];
  }
  let head;
  try {
    head = await fileHead(project, repo, ref, path, PREVIEW_BYTES);
  } catch (error) {
    return [meta, errorBox(error, 'Could not read the file')];
  }
  const bytes = new Uint8Array(await head.blob.arrayBuffer());
  if (file.size_bytes === 0) return [meta, h('p', { class: 'empty' }, 'This file is empty.')];
  if (!looksLikeText(bytes)) {
    return [meta, h('p', { class: 'empty' }, 'This looks like a binary file; there is no preview. Use the download link.')];
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const type = file.content_type;
  if (type.startsWith('text/csv') || type.startsWith('text/tab-separated-values')) {
    const rows = parseCSV(text, type.startsWith('text/csv') ? ',' : '\t');
    if (head.truncated && rows.length > 1) rows.pop();
    const [header, ...body] = rows;
    const shown = body.slice(0, CSV_ROWS);
    return [meta, h('div', { class: 'preview preview-csv' },
      table(header || [], shown.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell)))), `Rows of ${file.name}`),
      body.length > CSV_ROWS || head.truncated ? h('p', { class: 'muted small' }, `Showing the first ${shown.length} rows.`) : null)];
  }
  if (type.startsWith('application/json') && !head.truncated) {
    try {
      const pretty = JSON.stringify(JSON.parse(text), null, 2);
      return [meta, h('pre', { class: 'preview preview-json', tabindex: '0' }, pretty)];
    } catch {
      return [meta, errorBox(new Error('the file is not valid JSON; showing it as text')), h('pre', { class: 'preview preview-text', tabindex: '0' }, text)];
    }
  }
  return [meta, h('pre', { class: 'preview preview-text', tabindex: '0' }, text), truncatedNote(head)];
}
