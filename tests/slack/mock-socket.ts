import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

/**
 * Slack's Socket Mode end on loopback: a minimal WebSocket server (RFC 6455, unfragmented frames)
 * that says `hello` when a client connects, lets a test push envelopes, and records the acks.
 */
export class MockSocket {
  /** JSON messages the client sent (acks: `{ envelope_id, payload? }`). */
  readonly received: Array<Record<string, unknown>> = [];
  private readonly sockets = new Set<Duplex>();

  /** Handles the HTTP upgrade of a client connecting to the URL apps.connections.open gave it. */
  upgrade(req: IncomingMessage, socket: Duplex): void {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(key + GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => this.sockets.delete(socket));
    let pending = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let f = readFrame(pending); f; f = readFrame(pending)) {
        pending = pending.subarray(f.size);
        this.onFrame(socket, f.opcode, f.payload);
      }
    });
    socket.write(frame(TEXT, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'mock' } }))));
  }

  /** Sends a message (an envelope) to every connected client. */
  send(message: Record<string, unknown>): void {
    for (const s of this.sockets) s.write(frame(TEXT, Buffer.from(JSON.stringify(message))));
  }

  get connections(): number {
    return this.sockets.size;
  }

  close(): void {
    for (const s of this.sockets) s.destroy();
  }

  private onFrame(socket: Duplex, opcode: number, payload: Buffer): void {
    if (opcode === TEXT) this.received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
    else if (opcode === PING) socket.write(frame(PONG, payload));
    else if (opcode === CLOSE) {
      socket.write(frame(CLOSE, payload));
      socket.end();
    }
  }
}

/** A server frame: final, unmasked. */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65_536 ? Buffer.from([0x80 | opcode, 126, n >> 8, n & 0xff]) : Buffer.concat([Buffer.from([0x80 | opcode, 127]), u64(n)]);
  return Buffer.concat([head, payload]);
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

/** A client frame (masked), or undefined until all of it has arrived. */
function readFrame(buf: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  if (buf.length < 2) return undefined;
  const opcode = buf[0]! & 0x0f;
  const masked = (buf[1]! & 0x80) !== 0;
  let len = buf[1]! & 0x7f;
  let at = 2;
  if (len === 126) {
    if (buf.length < 4) return undefined;
    len = buf.readUInt16BE(2);
    at = 4;
  } else if (len === 127) {
    if (buf.length < 10) return undefined;
    len = Number(buf.readBigUInt64BE(2));
    at = 10;
  }
  const mask = masked ? buf.subarray(at, at + 4) : undefined;
  if (mask) at += 4;
  if (buf.length < at + len) return undefined;
  const payload = Buffer.from(buf.subarray(at, at + len));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
  return { opcode, payload, size: at + len };
}
