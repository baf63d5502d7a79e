// The running stack the end-to-end test talks to, as start.sh left it (DashboardIT starts it).
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LB_URL = process.env.BEACON_LB_URL ?? 'http://127.0.0.1:8000';
export const RUN_DIR = process.env.BEACON_RUN_DIR ?? '../data/run';
export const SCREENSHOTS = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
export const AGENTS = Number(process.env.BEACON_E2E_AGENTS ?? 50_000);

mkdirSync(SCREENSHOTS, { recursive: true });
export const screenshot = (name: string) => join(SCREENSHOTS, `${name}.png`);

export interface Event {
  agent_id: string;
  status: string;
  timestamp: string;
  seq?: number;
  metadata?: Record<string, unknown>;
}

export const event = (agent_id: string, status: string, seq?: number, metadata?: Record<string, unknown>): Event => ({
  agent_id,
  status,
  timestamp: new Date().toISOString(),
  ...(seq === undefined ? {} : { seq }),
  ...(metadata === undefined ? {} : { metadata }),
});

export async function post(path: '/ingest/state' | '/ingest/batch', body: unknown): Promise<void> {
  const response = await fetch(`${LB_URL}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) {
    throw new Error(`${path}: ${response.status} ${await response.text()}`);
  }
  await response.arrayBuffer().catch(() => undefined);
}

/** POSTs events in batches of 1000, `parallel` requests at a time. */
export async function postBatches(events: Event[], parallel = 4): Promise<void> {
  const batches: Event[][] = [];
  for (let i = 0; i < events.length; i += 1000) {
    batches.push(events.slice(i, i + 1000));
  }
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++] as Event[];
      await post('/ingest/batch', batch);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}

export interface Service {
  name: string;
  pid: number;
  check: string;
  line: string;
}

const servicesFile = () => join(RUN_DIR, 'services');

export function services(): Service[] {
  return readFileSync(servicesFile(), 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [name = '', pid = '', check = ''] = line.split('|');
      return { name, pid: Number(pid), check, line };
    });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Kills a service with SIGKILL (a crash), and returns a function that starts it again with
 * the same command line, environment and directory, records its new pid in start.sh's run
 * file (so `./start.sh stop` stops it), and waits until it is healthy.
 */
export async function crash(name: string): Promise<() => Promise<number>> {
  const service = services().find((s) => s.name === name);
  if (service === undefined) {
    throw new Error(`${name} is not in ${servicesFile()}`);
  }
  const { pid } = service;
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
    .split('\0')
    .filter((part) => part.length > 0);
  const environment = Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter((entry) => entry.includes('='))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
  const directory = readlinkSync(`/proc/${pid}/cwd`);
  process.kill(pid, 'SIGKILL');
  await waitFor(`${name} (pid ${pid}) gone`, 10_000, () => !alive(pid));

  return async () => {
    const logFile = join(process.env.BEACON_LOG_DIR ?? join(RUN_DIR, '..', '..', 'logs'), `${name}.restarted.log`);
    const log = openSync(logFile, 'a');
    const [program = 'java', ...args] = command;
    const child = spawn(program, args, {
      cwd: directory,
      env: environment,
      detached: true,
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    child.unref();
    const restarted = child.pid;
    if (restarted === undefined) {
      throw new Error(`${name} did not start again`);
    }
    const file = servicesFile();
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) =>
          line.startsWith(`${name}|${pid}|`) ? line.replace(`${name}|${pid}|`, `${name}|${restarted}|`) : line,
        )
        .join('\n'),
    );
    const health = service.check.replace(/^http:/, '');
    await waitFor(`${name} healthy again`, 90_000, async () => {
      try {
        const response = await fetch(health);
        return response.ok && (await response.text()).includes('"UP"');
      } catch {
        return false;
      }
    });
    return restarted;
  };
}
