/**
 * A throwaway redis-server for tests and the fleet benchmark: a free 127.0.0.1 port, no
 * persistence (no RDB, no AOF), stopped (SIGKILL if need be) by `stop()`. `REDIS_SERVER` is the binary.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

export const REDIS_BINARY = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
/** Why Redis tests are skipped, or `undefined` when they run. */
export const REDIS_MISSING = existsSync(REDIS_BINARY)
  ? undefined
  : `${REDIS_BINARY} not found: install redis-server (Debian: apt-get install redis-server) to run the Redis tests`;

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops it (the port stays free for `restart`). */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (scripts and keys gone, as after a crash). */
  restart(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.end('PING\r\n');
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
    });
    socket.once('error', () => resolve(false));
  });
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_BINARY,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
      '--enable-debug-command',
      'yes',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 200; i++) {
    if (await answers(port)) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Starts a redis-server on a free 127.0.0.1 port. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child) await kill(child);
      child = undefined;
    },
    async restart() {
      if (child) await kill(child);
      child = await launch(port);
    },
  };
}
