// The Gridlet console: every figure comes from the node's public REST API, called with the
// bearer token the operator signed in with (kept in sessionStorage, never in a URL). Every string
// from the API is rendered as text, never as HTML.

import { History } from './chart.js';

const TOKEN_KEY = 'gridlet.token';
const REFRESH_MILLIS = 2000;
const previousCounts = new Map();
const liveVersions = new Map();
let timer = null;
let admin = false;

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(path, method = 'GET', body = undefined, accept = 'application/json') {
  const token = sessionStorage.getItem(TOKEN_KEY);
  const headers = { Authorization: `Bearer ${token}`, Accept: accept };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) {
      // not a problem document
    }
    throw new ApiError(response.status, detail);
  }
  if (response.status === 204) {
    return null;
  }
  return accept === 'application/json' ? response.json() : response.text();
}

function millis(value) {
  return value === undefined || value === null || Number.isNaN(value) ? '' : value.toFixed(3);
}

function cell(row, text, className) {
  const td = document.createElement('td');
  td.textContent = text === null || text === undefined ? '' : String(text);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function fill(tbodyId, items, render) {
  const tbody = document.getElementById(tbodyId);
  const rows = items.map((item) => {
    const row = document.createElement('tr');
    render(row, item);
    return row;
  });
  tbody.replaceChildren(...rows);
}

async function showCluster() {
  const [cluster, partitions] = await Promise.all([api('/api/v1/cluster'), api('/api/v1/cluster/partitions')]);
  document.getElementById('cluster-name').textContent = cluster.name;
  document.getElementById('cluster-summary').textContent =
    `${cluster.members.length} members, ${cluster.partitionCount} partitions, state ${cluster.state}, `
    + (cluster.safe ? 'safe' : 'migrating');
  const local = new Set(cluster.members.filter((m) => m.local).map((m) => m.uuid));
  fill('members', partitions, (row, member) => {
    row.dataset.member = member.uuid;
    if (local.has(member.uuid)) {
      row.className = 'local';
    }
    cell(row, member.uuid);
    cell(row, member.address);
    cell(row, member.partitions, 'number');
    cell(row, member.entries, 'number');
    cell(row, local.has(member.uuid) ? 'this node' : '');
  });
}

// The map whose keys are shown, kept across refreshes.
let keysOf = null;

async function showMaps() {
  const maps = await api('/api/v1/maps');
  fill('map-rows', maps, (row, map) => {
    row.dataset.map = map.name;
    cell(row, map.name);
    cell(row, map.size, 'number');
    cell(row, map.ownedEntries, 'number');
    cell(row, map.backupEntries, 'number');
    const td = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Keys';
    button.dataset.action = 'keys';
    button.addEventListener('click', () => {
      keysOf = map.name;
      refresh();
    });
    td.appendChild(button);
    row.appendChild(td);
  });
  const panel = document.getElementById('keys');
  if (!keysOf) {
    panel.hidden = true;
    return;
  }
  const keys = await api(`/api/v1/maps/${encodeURIComponent(keysOf)}/keys?limit=100`);
  document.getElementById('keys-map').textContent = keys.map;
  document.getElementById('keys-summary').textContent = keys.truncated
    ? `The first ${keys.keys.length} of ${keys.size} keys.` : `${keys.size} keys.`;
  fill('key-rows', keys.keys, (row, key) => cell(row, key));
  panel.hidden = false;
}

// counters are keyed "version|outcome", summed over every member.
function total(counters, outcome) {
  return Object.entries(counters || {})
    .filter(([key]) => outcome === undefined || key.endsWith(`|${outcome}`))
    .reduce((sum, [, value]) => sum + value, 0);
}

const callRates = new History('function-chart', 'calls/s');

async function showFunctions() {
  const names = (await api('/api/v1/functions')).map((f) => f.name);
  const functions = await Promise.all(names.map((name) => api(`/api/v1/functions/${encodeURIComponent(name)}`)));
  const now = Date.now();
  const rates = {};
  fill('function-rows', functions, (row, fn) => {
    const calls = total(fn.counters);
    const errors = calls - total(fn.counters, 'success');
    const before = previousCounts.get(fn.name);
    const rate = before ? ((calls - before.calls) * 1000) / Math.max(1, now - before.at) : 0;
    previousCounts.set(fn.name, { calls, at: now });
    if (before) {
      rates[fn.name] = rate;
    }
    liveVersions.set(fn.name, fn.live);
    row.dataset.function = fn.name;
    cell(row, fn.name);
    cell(row, fn.live);
    cell(row, fn.canary ? `${fn.canary} (${fn.canaryPercent}%)` : '').dataset.field = 'canary';
    cell(row, fn.versions.map((v) => v.version).join(', '));
    cell(row, calls, 'number').dataset.field = 'invocations';
    cell(row, rate.toFixed(1), 'number').dataset.field = 'rate';
    cell(row, errors, 'number');
    if (admin) {
      row.appendChild(actionsFor(fn));
    }
  });
  const versions = functions.flatMap((fn) => fn.versions.map((v) => ({ fn, v })));
  fill('version-rows', versions, (row, { fn, v }) => {
    const counters = Object.fromEntries(Object.entries(fn.counters || {})
      .filter(([key]) => key.startsWith(`${v.version}|`)));
    // The cluster's: every member's histogram buckets summed by the node.
    const figures = (fn.times || {})[v.version] || {};
    const calls = total(counters);
    row.dataset.function = fn.name;
    row.dataset.version = v.version;
    cell(row, fn.name);
    cell(row, v.version);
    let traffic = '';
    if (v.version === fn.live) {
      traffic = fn.canary ? `live (${100 - fn.canaryPercent}%)` : 'live';
    } else if (v.version === fn.canary) {
      traffic = `canary (${fn.canaryPercent}%)`;
    }
    cell(row, traffic).dataset.field = 'traffic';
    cell(row, calls, 'number').dataset.field = 'invocations';
    cell(row, calls - total(counters, 'success'), 'number').dataset.field = 'errors';
    cell(row, millis(figures.p50Millis), 'number').dataset.field = 'p50';
    cell(row, millis(figures.p99Millis), 'number').dataset.field = 'p99';
    cell(row, figures.inFlight === undefined ? '' : figures.inFlight, 'number').dataset.field = 'inflight';
    cell(row, v.maxConcurrency > 0 ? v.maxConcurrency : 'none', 'number').dataset.field = 'limit';
    cell(row, v.timeoutMillis, 'number');
  });
  callRates.push(now, rates);
}

// The controls survive the 2 s refresh (the same element moves to the new row), so a choice
// being made is not reset; they are rebuilt only when the function's versions change.
const actionCells = new Map();

function actionsFor(fn) {
  const key = fn.versions.map((v) => v.version).join('\u0000');
  const kept = actionCells.get(fn.name);
  if (kept && kept.key === key) {
    return kept.td;
  }
  const td = actions(fn);
  actionCells.set(fn.name, { key, td });
  return td;
}

// An admin's controls for one function: make a version live (also the rollback), or send a
// percentage of calls to a canary version.
function actions(fn) {
  const td = document.createElement('td');
  td.className = 'actions';
  const version = document.createElement('select');
  version.name = 'version';
  for (const v of fn.versions) {
    const option = document.createElement('option');
    option.value = v.version;
    option.textContent = v.version;
    version.appendChild(option);
  }
  const percent = document.createElement('input');
  percent.type = 'number';
  percent.min = '1';
  percent.max = '99';
  percent.value = '10';
  percent.name = 'percent';
  const activate = document.createElement('button');
  activate.type = 'button';
  activate.textContent = 'Make live';
  activate.dataset.action = 'activate';
  activate.addEventListener('click', () => act(fn.name, { version: version.value }));
  const canary = document.createElement('button');
  canary.type = 'button';
  canary.textContent = 'Canary %';
  canary.dataset.action = 'canary';
  canary.addEventListener('click', () => act(fn.name, {
    version: liveVersions.get(fn.name) || fn.live,
    canary: { version: version.value, percent: Number(percent.value) },
  }));
  td.append(version, activate, percent, canary);
  return td;
}

async function act(name, activation) {
  const status = document.getElementById('action-status');
  try {
    await api(`/api/v1/functions/${encodeURIComponent(name)}/activate`, 'POST', activation);
    status.textContent = `${name}: done.`;
    refresh();
  } catch (error) {
    status.textContent = `${name}: ${error.status === 403 ? 'only an admin may do this (403)' : error.message}`;
  }
}

// The invocation looked up last; refreshed with the page until it has ended.
let invocationId = null;

async function showInvocation() {
  if (!invocationId) {
    return;
  }
  const table = document.getElementById('invocation');
  const message = document.getElementById('invocation-message');
  try {
    const record = await api(`/api/v1/invocations/${encodeURIComponent(invocationId)}`);
    const values = {
      function: record.function,
      version: record.version,
      state: record.state,
      result: record.result === null || record.result === undefined ? '' : JSON.stringify(record.result),
      error: record.error ? `${record.error.type}: ${record.error.message || ''}` : '',
      member: record.member,
      startedAt: record.startedAt,
      endedAt: record.endedAt,
    };
    table.querySelectorAll('td[data-field]').forEach((td) => {
      const value = values[td.dataset.field];
      td.textContent = value === null || value === undefined ? '' : String(value);
    });
    table.hidden = false;
    message.textContent = '';
    const lines = await api(`/api/v1/functions/${encodeURIComponent(record.function)}/logs?limit=1000`
      + `&invocation=${encodeURIComponent(invocationId)}`);
    fill('invocation-log-rows', lines.lines, (row, line) => {
      cell(row, line.time);
      cell(row, line.level);
      cell(row, shortId(line.member));
      cell(row, line.message, 'log-message');
    });
    document.getElementById('invocation-logs').hidden = false;
  } catch (error) {
    if (error.status !== 404) {
      throw error;
    }
    table.hidden = true;
    document.getElementById('invocation-logs').hidden = true;
    message.textContent = `No invocation ${invocationId} (404): ${error.message}`;
  }
}

function shortId(id) {
  return id && id.length > 8 ? id.substring(0, 8) : id;
}

// Every line is text: a message is set as textContent, never parsed as HTML.
async function showLogs() {
  const select = document.getElementById('log-function');
  const names = (await api('/api/v1/functions')).map((f) => f.name).sort();
  const chosen = select.value || names[0] || '';
  const options = names.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name;
    return option;
  });
  if (select.options.length !== names.length || [...select.options].some((o, i) => o.value !== names[i])) {
    select.replaceChildren(...options);
  }
  select.value = chosen;
  if (!chosen) {
    fill('log-rows', [], () => {});
    document.getElementById('logs-summary').textContent = 'No function is deployed.';
    return;
  }
  const level = document.getElementById('log-level').value;
  const page = await api(`/api/v1/functions/${encodeURIComponent(chosen)}/logs?limit=200`
    + (level ? `&level=${encodeURIComponent(level)}` : ''));
  fill('log-rows', page.lines, (row, line) => {
    row.dataset.invocation = line.invocationId;
    cell(row, line.time);
    cell(row, line.level);
    cell(row, shortId(line.member));
    cell(row, line.version);
    cell(row, line.invocationId);
    cell(row, line.message, 'log-message');
  });
  document.getElementById('logs-summary').textContent = `${page.lines.length} line${page.lines.length === 1 ? '' : 's'}`
    + (page.truncated ? ', older ones left out' : '')
    + (page.dropped > 0 ? `; the members' rings dropped ${page.dropped} old lines of all functions` : '');
}

const lags = new History('trigger-chart', 'ms');

async function showTriggers() {
  const triggers = await api('/api/v1/triggers');
  fill('trigger-rows', triggers, (row, trigger) => {
    row.dataset.trigger = trigger.name;
    cell(row, trigger.name);
    cell(row, trigger.type);
    cell(row, trigger.map || trigger.topic || trigger.cron || (trigger.intervalMillis ? `every ${trigger.intervalMillis} ms` : ''));
    cell(row, trigger.function);
    cell(row, trigger.guarantee);
    cell(row, trigger.processed, 'number').dataset.field = 'processed';
    cell(row, trigger.retried, 'number').dataset.field = 'retried';
    cell(row, trigger.deadLettered, 'number').dataset.field = 'deadLettered';
    cell(row, trigger.lost, 'number').dataset.field = 'lost';
    cell(row, trigger.lagMillis, 'number').dataset.field = 'lag';
    cell(row, trigger.jobStatus || '').dataset.field = 'job';
    if (admin) {
      row.appendChild(triggerActions(trigger.name));
    }
  });
  lags.push(Date.now(), Object.fromEntries(triggers.map((t) => [t.name, t.lagMillis])));
}

function triggerActions(name) {
  const td = document.createElement('td');
  td.className = 'actions';
  const replay = document.createElement('button');
  replay.type = 'button';
  replay.textContent = 'Replay dead letters';
  replay.dataset.action = 'replay';
  replay.addEventListener('click', () => triggerAction(name, 'POST',
    `/api/v1/triggers/${encodeURIComponent(name)}/dead-letters/replay`,
    (result) => `${name}: replayed ${result.replayed}, ${result.remaining} still dead-lettered.`));
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Delete';
  remove.dataset.action = 'delete';
  remove.addEventListener('click', () => {
    if (window.confirm(`Delete trigger ${name}? Its job stops; its dead letters go with it.`)) {
      triggerAction(name, 'DELETE', `/api/v1/triggers/${encodeURIComponent(name)}`, () => `${name}: deleted.`);
    }
  });
  td.append(replay, remove);
  return td;
}

async function triggerAction(name, method, path, describe) {
  const status = document.getElementById('action-status');
  try {
    const result = await api(path, method);
    status.textContent = describe(result);
    refresh();
  } catch (error) {
    status.textContent = `${name}: ${error.status === 403 ? 'only an admin may do this (403)' : error.message}`;
  }
}

async function showJobs() {
  const jobs = await api('/api/v1/jobs');
  fill('job-rows', jobs, (row, job) => {
    row.dataset.job = job.name || job.id;
    cell(row, job.id);
    cell(row, job.name);
    cell(row, job.status).dataset.field = 'status';
    cell(row, job.submittedAt);
  });
}

const pages = {
  cluster: showCluster,
  maps: showMaps,
  functions: showFunctions,
  invocations: showInvocation,
  triggers: showTriggers,
  jobs: showJobs,
  logs: showLogs,
};

function currentPage() {
  const name = location.hash.replace('#', '');
  return Object.hasOwn(pages, name) ? name : 'cluster';
}

function showSignIn(message) {
  clearTimeout(timer);
  actionCells.clear();
  sessionStorage.removeItem(TOKEN_KEY);
  document.getElementById('action-status').textContent = '';
  document.getElementById('nav').hidden = true;
  document.querySelectorAll('.page').forEach((page) => { page.hidden = true; });
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-message').textContent = message || '';
}

async function refresh() {
  clearTimeout(timer);
  const page = currentPage();
  document.querySelectorAll('.page').forEach((section) => { section.hidden = section.id !== page; });
  document.querySelectorAll('nav a').forEach((link) => link.classList.toggle('active', link.hash === `#${page}`));
  const status = document.getElementById('status');
  try {
    await pages[page]();
    status.textContent = `Updated ${new Date().toLocaleTimeString()}; refreshes every ${REFRESH_MILLIS / 1000} s.`;
  } catch (error) {
    if (error.status === 401) {
      showSignIn('The node refused this token (401). Sign in with an admin or viewer token.');
      return;
    }
    status.textContent = error.status === 403
      ? 'This token may not read this page (403).'
      : `The node did not answer: ${error.message}`;
  }
  timer = setTimeout(refresh, REFRESH_MILLIS);
}

async function signedIn() {
  try {
    admin = (await api('/api/v1/me')).roles.includes('admin');
  } catch (error) {
    if (error.status === 401) {
      showSignIn('The node refused this token (401). Sign in with an admin or viewer token.');
      return;
    }
    admin = false;
  }
  document.getElementById('sign-in').hidden = true;
  document.getElementById('nav').hidden = false;
  document.getElementById('function-actions').hidden = !admin;
  document.getElementById('trigger-actions').hidden = !admin;
  refresh();
}

document.getElementById('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
  document.getElementById('token').value = '';
  signedIn();
});
document.getElementById('invocation-form').addEventListener('submit', (event) => {
  event.preventDefault();
  invocationId = document.getElementById('invocation-id').value.trim();
  refresh();
});
document.getElementById('log-function').addEventListener('change', () => refresh());
document.getElementById('log-level').addEventListener('change', () => refresh());
document.getElementById('sign-out').addEventListener('click', () => showSignIn(''));
window.addEventListener('hashchange', () => {
  if (sessionStorage.getItem(TOKEN_KEY)) {
    refresh();
  }
});

if (sessionStorage.getItem(TOKEN_KEY)) {
  signedIn();
} else {
  showSignIn('');
}
