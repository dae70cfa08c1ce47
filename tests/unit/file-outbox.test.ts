import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SystemError } from '../../src/core/errors.js';
import { FileOutbox } from '../../src/scheduler/outbox.js';
import { tempDir } from '../helpers.js';

describe('FileOutbox (FOLLOWUP_OUTBOX_FILE)', () => {
  it('starts empty only when the file does not exist yet; any other read error is a SystemError naming the variable', () => {
    const dir = tempDir();
    expect(() => new FileOutbox(path.join(dir, 'new.jsonl'))).not.toThrow();
    for (const [file, code] of [[dir, 'bad-path'], [path.join(dir, 'missing', 'out.jsonl'), 'bad-path']] as const) {
      let err: unknown;
      try {
        new FileOutbox(file);
      } catch (e) {
        err = e;
      }
      expect(err, file).toBeInstanceOf(SystemError);
      expect(err).toMatchObject({ code, message: expect.stringMatching(/^FOLLOWUP_OUTBOX_FILE: cannot /) });
    }
  });

  it('keeps its duplicate guard across restarts', async () => {
    const file = path.join(tempDir(), 'out.jsonl');
    const message = { key: 'k1', target: { platform: 'console' as const, team: '', kind: 'channel' as const, ref: 'c' }, reply: { title: 't' }, scheduledFor: '2014-03-03T09:00:00Z', late: false };
    await new FileOutbox(file).send(message);
    await new FileOutbox(file).send(message);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
