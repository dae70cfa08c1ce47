import http from 'node:http';
import path from 'node:path';
import { describe, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { expectSystemFault, run } from './faults.js';

describe('the HTTP server (followup serve)', () => {
  it('a PORT already in use exits 1 naming PORT', async () => {
    const busy = http.createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
    const port = (busy.address() as { port: number }).port;
    try {
      expectSystemFault(run(['serve'], { FOLLOWUP_DB: path.join(tempDir(), 'f.db'), PORT: String(port), HOST: '127.0.0.1' }), new RegExp(`^followup: PORT: ${port} is already in use on 127\\.0\\.0\\.1: stop the program that uses it, or set PORT to a free port\\.\\n$`, 'm'));
    } finally {
      busy.close();
    }
  });

  it('a HOST that does not resolve exits 1 naming HOST', () => {
    expectSystemFault(run(['serve'], { FOLLOWUP_DB: path.join(tempDir(), 'f.db'), PORT: '0', HOST: 'no such host' }), /^followup: HOST: "no such host" does not resolve to an address \(ENOTFOUND\): set HOST to an address such as 0\.0\.0\.0/m);
  });
});
