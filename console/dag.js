// Draws a project's DAG as SVG: repos and pipelines in columns by depth (inputs left, outputs
// right), edges as curves, every node a link to its page. No layout library: a layered layout
// with one barycentre pass is enough for the graphs of a project.
import { h, formatBytes } from './dom.js';

const NODE_WIDTH = 168;
const NODE_HEIGHT = 52;
const COLUMN_GAP = 52;
const ROW_GAP = 22;
const PAD = 16;

/** Positions nodes: column = depth; rows ordered by the mean row of their predecessors. */
export function layout(graph) {
  const columns = new Map();
  for (const node of graph.nodes) {
    if (!columns.has(node.depth)) columns.set(node.depth, []);
    columns.get(node.depth).push(node);
  }
  const predecessors = new Map(graph.nodes.map((node) => [node.id, []]));
  for (const edge of graph.edges) {
    if (predecessors.has(edge.to)) predecessors.get(edge.to).push(edge.from);
  }
  const row = new Map();
  const depths = [...columns.keys()].sort((a, b) => a - b);
  for (const depth of depths) {
    const nodes = columns.get(depth);
    const weight = (node) => {
      const rows = predecessors.get(node.id).map((id) => row.get(id)).filter((value) => value !== undefined);
      return rows.length ? rows.reduce((sum, value) => sum + value, 0) / rows.length : Number.MAX_SAFE_INTEGER;
    };
    nodes.sort((a, b) => (weight(a) - weight(b)) || a.name.localeCompare(b.name));
    nodes.forEach((node, index) => row.set(node.id, index));
  }
  const tallest = Math.max(1, ...[...columns.values()].map((nodes) => nodes.length));
  const height = PAD * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const positions = new Map();
  for (const depth of depths) {
    const nodes = columns.get(depth);
    const columnHeight = nodes.length * NODE_HEIGHT + (nodes.length - 1) * ROW_GAP;
    const top = (height - columnHeight) / 2;
    nodes.forEach((node, index) => {
      positions.set(node.id, { x: PAD + depth * (NODE_WIDTH + COLUMN_GAP), y: top + index * (NODE_HEIGHT + ROW_GAP) });
    });
  }
  const width = PAD * 2 + (Math.max(0, ...depths) + 1) * NODE_WIDTH + Math.max(0, ...depths) * COLUMN_GAP;
  return { positions, width, height };
}

function nodeHref(project, node) {
  const kind = node.kind === 'pipeline' ? 'pipelines' : 'repos';
  return `#/projects/${encodeURIComponent(node.project || project)}/${kind}/${encodeURIComponent(node.name)}`;
}

function truncate(text, length) {
  return text.length > length ? text.slice(0, length - 1) + '…' : text;
}

function nodeStatus(node) {
  if (node.kind === 'pipeline') {
    const job = node.last_job_state ? `last job ${node.last_job_state}` : 'no jobs yet';
    return { word: node.state, detail: job, className: `pipeline-${node.state} job-${node.last_job_state || 'none'}` };
  }
  const size = node.size_bytes === null ? 'other project' : formatBytes(node.size_bytes);
  return { word: node.pipeline ? 'output' : size, detail: size, className: node.pipeline ? 'output' : 'input' };
}

/** The SVG element for `graph` ({nodes, edges} from /dag). */
export function renderDAG(project, graph) {
  const { positions, width, height } = layout(graph);
  const svg = h('svg:svg', {
    class: 'dag', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': `Graph of ${graph.nodes.length} repos and pipelines; each node is a link`,
  });
  // Wide graphs shrink to fit the panel down to 65% of their size, then scroll sideways.
  svg.style.minWidth = `${Math.round(width * 0.65)}px`;
  svg.append(h('svg:defs', {}, h('svg:marker', {
    id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse',
  }, h('svg:path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow' }))));
  for (const edge of graph.edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) continue;
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x - 2;
    const y2 = to.y + NODE_HEIGHT / 2;
    const middle = (x1 + x2) / 2;
    svg.append(h('svg:path', {
      class: 'edge', d: `M ${x1} ${y1} C ${middle} ${y1}, ${middle} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)',
      'data-from': edge.from, 'data-to': edge.to,
    }));
  }
  for (const node of graph.nodes) {
    const position = positions.get(node.id);
    const status = nodeStatus(node);
    const label = `${node.kind} ${node.name}: ${status.word}, ${status.detail}`;
    const anchor = h('svg:a', {
      href: nodeHref(project, node), class: ['node', `node-${node.kind}`, status.className], 'aria-label': label,
      'data-node': node.id, 'data-key': `dag-${node.id}`, 'data-state': node.kind === 'pipeline' ? node.state : null,
      'data-job-state': node.kind === 'pipeline' ? (node.last_job_state || 'none') : null,
    });
    anchor.append(h('svg:title', {}, label + (node.reason ? ` (${node.reason})` : '')));
    anchor.append(h('svg:rect', { x: position.x, y: position.y, width: NODE_WIDTH, height: NODE_HEIGHT, rx: node.kind === 'pipeline' ? 8 : 22 }));
    anchor.append(h('svg:text', { x: position.x + 14, y: position.y + 21, class: 'node-kind' }, node.kind === 'pipeline' ? '⚙ pipeline' : '▤ repo'));
    anchor.append(h('svg:text', { x: position.x + 14, y: position.y + 39, class: 'node-name' }, truncate(node.name, 19)));
    anchor.append(h('svg:circle', { cx: position.x + NODE_WIDTH - 16, cy: position.y + 16, r: 6, class: 'node-dot' }));
    anchor.append(h('svg:text', { x: position.x + NODE_WIDTH - 28, y: position.y + 21, class: 'node-status', 'text-anchor': 'end' }, truncate(status.word, 12)));
    svg.append(anchor);
  }
  return svg;
}
