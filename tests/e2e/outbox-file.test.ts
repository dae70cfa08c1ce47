import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { expectRunuser, expectSystemFault, run } from './faults.js';

beforeAll(expectRunuser);

describe('FOLLOWUP_OUTBOX_FILE', () => {
  const env = (outbox: string) => ({ FOLLOWUP_DB: path.join(tempDir(), 'f.db'), FOLLOWUP_OUTBOX_FILE: outbox });

  it('in a folder that does not exist is refused at start, naming the variable', () => {
    const missing = path.join(tempDir(), 'nonexistent-dir', 'out.jsonl');
    expectSystemFault(run(['tick', '--now', '2014-03-03T09:01:00Z'], env(missing)), new RegExp(`^followup: FOLLOWUP_OUTBOX_FILE: cannot write to ${path.dirname(missing)} \\(no such file or folder, ENOENT\\)`));
  });

  it('that is a folder, or cannot be read, is refused at start instead of losing its duplicate guard', () => {
    const folder = tempDir();
    expectSystemFault(run(['tick', '--now', '2014-03-03T09:01:00Z'], env(folder)), new RegExp(`^followup: FOLLOWUP_OUTBOX_FILE: cannot read ${folder} \\(it is a folder, EISDIR\\)`));
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const locked = path.join(dir, 'out.jsonl');
    writeFileSync(locked, '{"key":"k1"}\n');
    chmodSync(locked, 0o200);
    mkdirSync(path.join(dir, 'db'));
    chmodSync(path.join(dir, 'db'), 0o777);
    const r = run(['tick', '--now', '2014-03-03T09:01:00Z'], { FOLLOWUP_DB: path.join(dir, 'db', 'f.db'), FOLLOWUP_OUTBOX_FILE: locked }, { asNobody: true });
    expectSystemFault(r, new RegExp(`^followup: FOLLOWUP_OUTBOX_FILE: cannot open ${locked} \\(permission denied, EACCES\\)`));
    expect(readFileSync(locked, 'utf8')).toBe('{"key":"k1"}\n');
  });
});
