#!/usr/bin/env node
// A small in-memory implementation of the Berth REST API contract (shared/API.md), for the e2e
// script, the UI benchmark and quick local checks — not the real runtime.
//
// It also serves a built dashboard (dist/) the way the OSGi servlet does: files, index.html for
// client routes, 404 for missing assets, /assets/* immutable, index.html no-cache.
//
//   node e2e/mock-server.mjs                 # API + ./dist on http://127.0.0.1:8080
//   PORT=0 MOCK_SERVERS=500 node e2e/...     # random port, 500 seeded servers
//
// Environment: PORT (8080), HOST (127.0.0.1), BERTH_ADMIN_EMAIL, BERTH_ADMIN_PASSWORD,
// MOCK_STATIC (dist directory, "" to serve no UI), MOCK_SERVERS (seeded servers, 0),
// MOCK_STEP_MS (duration of one simulated job step, 400), MOCK_PAGE_SIZE (default page size, 50).

import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const TRANSITIONAL = new Set(['provisioning', 'starting', 'stopping', 'rebooting', 'terminating']);

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export const IMAGES = [
  { id: '3f1c2a4e-0000-4000-8000-000000000001', name: 'Ubuntu 24.04', os: 'ubuntu', min_disk_gb: 10 },
  { id: '3f1c2a4e-0000-4000-8000-000000000002', name: 'Debian 12', os: 'debian', min_disk_gb: 8 },
  { id: '3f1c2a4e-0000-4000-8000-000000000003', name: 'Rocky Linux 9', os: 'rocky', min_disk_gb: 10 },
];

export const PLANS = [
  { id: '7a0b9c1d-0000-4000-8000-000000000001', name: 'Small', cpu_cores: 1, memory_mb: 1024, disk_gb: 20 },
  { id: '7a0b9c1d-0000-4000-8000-000000000002', name: 'Medium', cpu_cores: 2, memory_mb: 4096, disk_gb: 40 },
  { id: '7a0b9c1d-0000-4000-8000-000000000003', name: 'Large', cpu_cores: 4, memory_mb: 8192, disk_gb: 80 },
];

const PROVISION_STEPS = [
  'queued (step 1/6)',
  'cloning template (step 2/6)',
  'applying cloud-init (step 3/6)',
  'creating VPN peer (step 4/6)',
  'starting VM (step 5/6)',
  'waiting for guest agent (step 6/6)',
];

function now() {
  return new Date().toISOString();
}

export function startMockServer(options = {}) {
  const port = Number(options.port ?? process.env.PORT ?? 8080);
  const host = options.host ?? process.env.HOST ?? '127.0.0.1';
  const adminEmail = options.adminEmail ?? process.env.BERTH_ADMIN_EMAIL ?? 'admin@berth.local';
  const adminPassword = options.adminPassword ?? process.env.BERTH_ADMIN_PASSWORD ?? 'admin-password';
  const stepMs = Number(options.stepMs ?? process.env.MOCK_STEP_MS ?? 400);
  const pageSize = Number(options.pageSize ?? process.env.MOCK_PAGE_SIZE ?? 50);
  const seed = Number(options.seedServers ?? process.env.MOCK_SERVERS ?? 0);
  const staticDir =
    options.staticDir !== undefined
      ? options.staticDir
      : process.env.MOCK_STATIC !== undefined
        ? process.env.MOCK_STATIC
        : path.resolve(here, '..', 'dist');
  const quiet = options.quiet ?? false;

  const users = new Map(); // email → user
  const tokens = new Map(); // token → { userId, expiresAt }
  const servers = new Map(); // id → server (insertion order = creation order)
  const idempotency = new Map(); // `${userId}:${key}` → { body, serverId }
  const failures = new Map(); // email → { count, until }
  const timers = new Set();
  let ipCounter = 10;

  const admin = {
    id: randomUUID(),
    email: adminEmail,
    password: adminPassword,
    role: 'admin',
    created_at: now(),
    quotas: { servers: 1000, subdomains: 2 },
  };
  users.set(admin.email, admin);

  function later(ms, fn) {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  }

  function nextIp() {
    ipCounter += 1;
    return `10.10.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 2}`;
  }

  function touch(server, changes) {
    Object.assign(server, changes, { updated_at: now() });
  }

  /** Runs `steps` one after the other, then settles in `final`. */
  function runJob(server, status, steps, final) {
    const job = randomUUID();
    server._job = job;
    touch(server, { status, status_detail: steps[0] });
    steps.slice(1).forEach((detail, i) =>
      later(stepMs * (i + 1), () => server._job === job && touch(server, { status_detail: detail })),
    );
    later(stepMs * steps.length, () => {
      if (server._job !== job) return;
      server._job = null;
      touch(server, { status_detail: null, ...final(server) });
    });
  }

  function makeServer(owner, body, status = 'provisioning') {
    const image = IMAGES.find((i) => i.id === body.image_id);
    const plan = body.plan_id ? PLANS.find((p) => p.id === body.plan_id) : null;
    return {
      id: randomUUID(),
      name: body.name,
      status,
      image: { id: image.id, name: image.name },
      cpu_cores: plan ? plan.cpu_cores : body.cpu_cores,
      memory_mb: plan ? plan.memory_mb : body.memory_mb,
      disk_gb: plan ? plan.disk_gb : body.disk_gb,
      ip_address: status === 'provisioning' ? null : nextIp(),
      node: 'pve1',
      location: 'Frankfurt',
      status_detail: null,
      attributes: plan ? { plan: plan.name } : {},
      created_at: now(),
      updated_at: now(),
      _owner: owner.id,
      _job: null,
      _ssh_keys: body.ssh_keys ?? [],
    };
  }

  const SEED_STATUSES = ['running', 'running', 'running', 'stopped', 'running', 'failed', 'suspended', 'running'];
  for (let i = 0; i < seed; i += 1) {
    const s = makeServer(
      admin,
      { name: `srv-${String(i + 1).padStart(3, '0')}`, image_id: IMAGES[i % 3].id, plan_id: PLANS[i % 3].id },
      SEED_STATUSES[i % SEED_STATUSES.length],
    );
    if (s.status === 'failed') s.status_detail = 'clone failed: storage full';
    servers.set(s.id, s);
  }

  function publicServer(server) {
    const out = {};
    for (const [k, v] of Object.entries(server)) if (!k.startsWith('_')) out[k] = v;
    return out;
  }

  // ---- HTTP helpers -------------------------------------------------------------------------

  function send(res, status, body, headers = {}) {
    const payload = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(payload),
      ...headers,
    });
    res.end(payload);
  }

  function problem(res, status, title, detail, extra = {}, headers = {}) {
    send(res, status, { type: 'about:blank', title, status, detail, ...extra }, {
      'Content-Type': 'application/problem+json',
      ...headers,
    });
  }

  async function readJson(req) {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text) return {};
    return JSON.parse(text);
  }

  function authenticate(req, res) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    const session = match && tokens.get(match[1]);
    if (!session || session.expiresAt < Date.now()) {
      problem(res, 401, 'Unauthorized', 'A valid bearer token is required.', {}, { 'WWW-Authenticate': 'Bearer' });
      return null;
    }
    return [...users.values()].find((u) => u.id === session.userId) ?? null;
  }

  function ownServer(user, id) {
    const s = servers.get(id);
    return s && s._owner === user.id ? s : null;
  }

  // ---- API ----------------------------------------------------------------------------------

  function validateCreate(user, body) {
    const errors = [];
    if (typeof body.name !== 'string' || !body.name.trim()) errors.push({ field: 'name', message: 'must not be blank' });
    else if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(body.name))
      errors.push({ field: 'name', message: 'use letters, digits and hyphens (a host name), at most 63 characters' });
    else if ([...servers.values()].some((s) => s._owner === user.id && s.name === body.name && s.status !== 'terminated'))
      errors.push({ field: 'name', message: `a server named ${body.name} already exists` });
    const image = IMAGES.find((i) => i.id === body.image_id);
    if (!image) errors.push({ field: 'image_id', message: 'unknown image' });
    if (body.plan_id !== undefined) {
      if (!PLANS.some((p) => p.id === body.plan_id)) errors.push({ field: 'plan_id', message: 'unknown plan' });
    } else {
      if (!Number.isInteger(body.cpu_cores) || body.cpu_cores < 1 || body.cpu_cores > 16)
        errors.push({ field: 'cpu_cores', message: 'must be between 1 and 16' });
      if (!Number.isInteger(body.memory_mb) || body.memory_mb < 512 || body.memory_mb > 65536)
        errors.push({ field: 'memory_mb', message: 'must be between 512 and 65536' });
      if (!Number.isInteger(body.disk_gb) || body.disk_gb < (image?.min_disk_gb ?? 1) || body.disk_gb > 1000)
        errors.push({ field: 'disk_gb', message: `must be between ${image?.min_disk_gb ?? 1} and 1000` });
    }
    if (body.ssh_keys !== undefined) {
      if (!Array.isArray(body.ssh_keys)) errors.push({ field: 'ssh_keys', message: 'must be a list' });
      else
        body.ssh_keys.forEach((key, i) => {
          if (typeof key !== 'string' || !/^(ssh-(ed25519|rsa)|ecdsa-sha2-\S+|sk-\S+) [A-Za-z0-9+/=]+/.test(key))
            errors.push({ field: `ssh_keys[${i}]`, message: 'not an OpenSSH public key' });
        });
    }
    return errors;
  }

  function powerAction(res, server, action) {
    if (server.status === 'suspended')
      return problem(res, 409, 'Conflict', `${server.name} is suspended by an administrator; power actions are refused.`);
    if (TRANSITIONAL.has(server.status))
      return problem(res, 409, 'Conflict', `${server.name} is ${server.status}; wait until it has finished.`);
    const table = {
      start: ['stopped', 'starting', ['powering on (step 1/2)', 'waiting for guest agent (step 2/2)'], 'running'],
      stop: ['running', 'stopping', ['powering off (step 1/1)'], 'stopped'],
      shutdown: ['running', 'stopping', ['ACPI shutdown (step 1/2)', 'waiting for power off (step 2/2)'], 'stopped'],
      reboot: ['running', 'rebooting', ['rebooting (step 1/2)', 'waiting for guest agent (step 2/2)'], 'running'],
    };
    const entry = table[action];
    if (!entry) return problem(res, 422, 'Unprocessable Content', `unknown action ${action}`, { errors: [{ field: 'action', message: 'must be start, stop, shutdown or reboot' }] });
    const [from, via, steps, to] = entry;
    if (server.status !== from)
      return problem(res, 409, 'Conflict', `Cannot ${action} ${server.name}: it is ${server.status}, and ${action} needs it ${from}.`);
    runJob(server, via, steps, () => ({ status: to }));
    return send(res, 202, publicServer(server));
  }

  async function api(req, res, url) {
    const parts = url.pathname.split('/').filter(Boolean).slice(1); // drop "api"
    const method = req.method;

    if (method === 'GET' && parts[0] === 'health' && parts.length === 1)
      return send(res, 200, { status: 'UP', checks: { mock: 'UP' } });

    if (method === 'POST' && parts[0] === 'login' && parts.length === 1) {
      let body;
      try {
        body = await readJson(req);
      } catch {
        return problem(res, 400, 'Bad Request', 'malformed JSON');
      }
      const email = String(body.email ?? '').toLowerCase();
      const f = failures.get(email);
      if (f && f.until > Date.now()) {
        const wait = Math.ceil((f.until - Date.now()) / 1000);
        return problem(res, 429, 'Too Many Requests', 'Too many failed logins.', {}, { 'Retry-After': String(wait) });
      }
      const user = users.get(email);
      if (!user || user.password !== body.password) {
        const count = (f?.count ?? 0) + 1;
        failures.set(email, { count, until: count >= 5 ? Date.now() + 30_000 : 0 });
        return problem(res, 401, 'Unauthorized', 'Wrong email or password.', {}, { 'WWW-Authenticate': 'Bearer' });
      }
      failures.delete(email);
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, { userId: user.id, expiresAt: Date.now() + 3600_000 });
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }

    const user = authenticate(req, res);
    if (!user) return;

    if (method === 'GET' && parts[0] === 'users' && parts[1] === 'me' && parts.length === 2) {
      const mine = [...servers.values()].filter((s) => s._owner === user.id && s.status !== 'terminated');
      return send(res, 200, {
        id: user.id,
        email: user.email,
        role: user.role,
        created_at: user.created_at,
        quotas: user.quotas,
        usage: { servers: mine.length, subdomains: 0 },
      });
    }
    if (method === 'GET' && parts[0] === 'images' && parts.length === 1) return send(res, 200, IMAGES);
    if (method === 'GET' && parts[0] === 'plans' && parts.length === 1) return send(res, 200, PLANS);

    if (parts[0] !== 'servers') return problem(res, 404, 'Not Found', `no such resource: ${url.pathname}`);

    if (parts.length === 1 && method === 'GET') {
      const status = url.searchParams.get('status');
      const limit = Math.min(Math.max(Number(url.searchParams.get('limit')) || pageSize, 1), 1000);
      const cursor = url.searchParams.get('cursor');
      // Newest first; terminated servers stay listed for a while, like a real control panel.
      const mine = [...servers.values()].filter((s) => s._owner === user.id && (!status || s.status === status)).reverse();
      let start = 0;
      if (cursor) {
        const at = mine.findIndex((s) => s.id === cursor);
        if (at < 0) return problem(res, 400, 'Bad Request', 'unknown cursor');
        start = at;
      }
      const items = mine.slice(start, start + limit);
      const next = mine[start + limit];
      return send(res, 200, { items: items.map(publicServer), next_cursor: next ? next.id : null });
    }

    if (parts.length === 1 && method === 'POST') {
      let body;
      try {
        body = await readJson(req);
      } catch {
        return problem(res, 400, 'Bad Request', 'malformed JSON');
      }
      const key = req.headers['idempotency-key'];
      const bodyText = JSON.stringify(body);
      if (key) {
        const seen = idempotency.get(`${user.id}:${key}`);
        if (seen) {
          if (seen.body !== bodyText)
            return problem(res, 422, 'Unprocessable Content', 'This Idempotency-Key was used with a different body.');
          const s = servers.get(seen.serverId);
          return send(res, 202, publicServer(s), { Location: `/api/servers/${s.id}` });
        }
      }
      const errors = validateCreate(user, body);
      if (errors.length) return problem(res, 422, 'Unprocessable Content', 'The server request has invalid fields.', { errors });
      const active = [...servers.values()].filter((s) => s._owner === user.id && s.status !== 'terminated').length;
      if (active >= user.quotas.servers)
        return problem(res, 409, 'Conflict', `Your quota of ${user.quotas.servers} servers is used up.`);
      const server = makeServer(user, body);
      servers.set(server.id, server);
      if (key) idempotency.set(`${user.id}:${key}`, { body: bodyText, serverId: server.id });
      runJob(server, 'provisioning', PROVISION_STEPS, () => ({ status: 'running', ip_address: nextIp() }));
      return send(res, 202, publicServer(server), { Location: `/api/servers/${server.id}` });
    }

    const server = ownServer(user, parts[1]);
    if (!server) return problem(res, 404, 'Not Found', 'No such server.');

    if (parts.length === 2 && method === 'GET') return send(res, 200, publicServer(server));

    if (parts.length === 2 && method === 'DELETE') {
      if (TRANSITIONAL.has(server.status) || server.status === 'terminated')
        return problem(res, 409, 'Conflict', `${server.name} is ${server.status} and cannot be terminated now.`);
      runJob(
        server,
        'terminating',
        ['stopping VM (step 1/4)', 'removing VPN peer (step 2/4)', 'removing DNS records (step 3/4)', 'destroying disk (step 4/4)'],
        () => ({ status: 'terminated', ip_address: null }),
      );
      return send(res, 202, publicServer(server));
    }

    if (parts.length === 3 && parts[2] === 'actions' && method === 'POST') {
      let body;
      try {
        body = await readJson(req);
      } catch {
        return problem(res, 400, 'Bad Request', 'malformed JSON');
      }
      return powerAction(res, server, body.action);
    }

    if (parts.length === 3 && parts[2] === 'wireguard.conf' && method === 'GET') {
      if (server.status !== 'running')
        return problem(res, 409, 'Conflict', `${server.name} has no VPN peer while ${server.status}.`);
      const conf = [
        '[Interface]',
        `PrivateKey = ${randomBytes(32).toString('base64')}`,
        'Address = 10.200.0.2/32',
        '',
        '[Peer]',
        `PublicKey = ${randomBytes(32).toString('base64')}`,
        `AllowedIPs = ${server.ip_address}/32`,
        'Endpoint = vpn.berth.local:51820',
        '',
      ].join('\n');
      return send(res, 200, conf, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Content-Disposition': `attachment; filename="${server.name}.conf"`,
      });
    }

    return problem(res, 405, 'Method Not Allowed', `${method} ${url.pathname} is not supported.`);
  }

  // ---- static UI (same rules as io.berth.ui's servlet) ---------------------------------------

  function serveStatic(req, res, url) {
    if (!staticDir) return problem(res, 404, 'Not Found', 'no UI served');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '');
    let pathname = decodeURIComponent(url.pathname);
    if (pathname.split('/').some((s) => s === '..')) return send(res, 404, 'Not found\n', { 'Content-Type': 'text/plain' });
    const last = pathname.slice(pathname.lastIndexOf('/') + 1);
    const isFile = /\.[^.]+$/.test(last) && !last.startsWith('.');
    if (!isFile) pathname = '/index.html';
    const file = path.join(staticDir, pathname);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) return send(res, 404, 'Not found\n', { 'Content-Type': 'text/plain' });
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  }

  const httpServer = createServer((req, res) => {
    const url = new URL(req.url, 'http://mock');
    const started = Date.now();
    res.on('finish', () => {
      if (!quiet && url.pathname.startsWith('/api/'))
        console.log(`${req.method} ${url.pathname}${url.search} → ${res.statusCode} (${Date.now() - started} ms)`);
    });
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      api(req, res, url).catch((error) => {
        console.error(error);
        if (!res.headersSent) problem(res, 500, 'Internal Server Error', String(error));
      });
    } else {
      serveStatic(req, res, url);
    }
  });

  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      const address = httpServer.address();
      const url = `http://${host}:${address.port}`;
      resolve({
        url,
        port: address.port,
        adminEmail,
        adminPassword,
        close: () =>
          new Promise((done) => {
            timers.forEach(clearTimeout);
            timers.clear();
            httpServer.closeAllConnections?.();
            httpServer.close(() => done());
          }),
      });
    });
  });
}

// Run directly: start and print where.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mock = await startMockServer();
  console.log(`Berth mock API on ${mock.url} (admin ${mock.adminEmail} / ${mock.adminPassword})`);
  const stop = () => mock.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
