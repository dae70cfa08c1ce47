import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from '../helpers.js';

/** `followup serve` as a real child process: its log lines (JSON on standard error), its port, its exit. */
export interface ServeProcess {
  child: ChildProcess;
  port: number;
  url: string;
  lines: Array<Record<string, unknown>>;
  /** Resolves with the first log line whose msg matches (already logged or still to come). */
  logged(msg: RegExp): Promise<Record<string, unknown>>;
  /** Once it has exited and its output is all read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** `where`: another build's CLI and folder (the bench runs from dist/, where ROOT is dist itself). */
export async function startServe(env: Record<string, string>, where: { cli?: string; cwd?: string } = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [where.cli ?? CLI, 'serve'], {
    cwd: where.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ re: RegExp; resolve: (l: Record<string, unknown>) => void }> = [];
  let raw = '';
  let buffer = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    buffer += chunk;
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { msg: text };
      }
      lines.push(line);
      for (const w of waiters.splice(0)) {
        if (w.re.test(String(line.msg))) w.resolve(line);
        else waiters.push(w);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('close', (code: number | null, signal: NodeJS.Signals | null) => r({ code, signal })));
  const logged = (re: RegExp): Promise<Record<string, unknown>> => {
    const seen = lines.find((l) => re.test(String(l.msg)));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      waiters.push({ re, resolve });
      void exited.then(({ code }) => reject(new Error(`followup serve exited (${code}) before logging ${re}:\n${raw}`)));
    });
  };
  const listening = await logged(/^followup is listening$/);
  const port = listening.port as number;
  return { child, port, url: `http://127.0.0.1:${port}`, lines, logged, exited, stderr: () => raw };
}
