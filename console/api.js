// The console's only way to the daemon: the JSON API under /api/v1 (the same endpoints curl
// users have, documented in /api/v1/openapi.yaml).

/** An error from the API, with the server's own words and code. */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const base = '/api/v1';

function url(pieces, query) {
  const path = pieces.map((piece) => encodeURIComponent(piece)).join('/');
  const search = query ? '?' + new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString() : '';
  return `${base}/${path}${search}`;
}

async function failure(response) {
  let body = null;
  try { body = await response.json(); } catch { /* not JSON */ }
  const message = body && body.error ? body.error : `the server answered ${response.status} ${response.statusText}`;
  return new ApiError(message, response.status, body && body.code);
}

export async function getJSON(pieces, query) {
  let response;
  try {
    response = await fetch(url(pieces, query), { headers: { Accept: 'application/json' } });
  } catch {
    throw new ApiError('cannot reach the Tusk daemon; is `tusk serve` still running?', 0, 'unavailable');
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

export async function sendJSON(method, pieces, body) {
  let response;
  try {
    response = await fetch(url(pieces), {
      method, headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError('cannot reach the Tusk daemon; is `tusk serve` still running?', 0, 'unavailable');
  }
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** Reads up to `limit` bytes of a file for a preview; returns {blob, truncated, size, type}. */
export async function fileHead(project, repo, ref, path, limit) {
  const response = await fetch(contentURL(project, repo, ref, path, { limit }));
  if (!response.ok) throw await failure(response);
  return {
    blob: await response.blob(),
    truncated: response.headers.get('X-Tusk-Truncated') === 'true',
    size: Number(response.headers.get('X-Tusk-File-Size') || 0),
    type: response.headers.get('Content-Type') || '',
  };
}

export function refPieces(project, repo, ref) {
  return ['projects', project, 'repos', repo, 'refs', ref];
}

export function contentURL(project, repo, ref, path, query = {}) {
  return url([...refPieces(project, repo, ref), 'content'], { path, ...query });
}

export function archiveURL(project, repo, ref, path) {
  return url([...refPieces(project, repo, ref), 'archive'], { path });
}

/** Sends files as one multipart upload (one commit) with progress callbacks.
 * `files` is a list of {file, name} where name may contain folders. */
export function uploadFiles(project, repo, branch, directory, files, onProgress) {
  const form = new FormData();
  for (const { file, name } of files) form.append('file', file, name);
  const request = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    request.open('POST', url([...refPieces(project, repo, branch), 'upload'], { path: directory }));
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    request.addEventListener('load', () => {
      const body = request.response;
      if (request.status >= 200 && request.status < 300) resolve(body);
      else reject(new ApiError(body && body.error ? body.error : `the upload failed with status ${request.status}`, request.status, body && body.code));
    });
    request.addEventListener('error', () => reject(new ApiError('the upload was interrupted: the connection to the daemon failed', 0, 'unavailable')));
    request.addEventListener('abort', () => reject(new ApiError('the upload was cancelled', 0, 'cancelled')));
    request.send(form);
  });
  return { promise, cancel: () => request.abort() };
}
