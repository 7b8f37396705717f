/** What every probe shares: a counted check, a local server on 127.0.0.1, and a final tally. */
import { createServer } from 'node:http';

let passed = 0;
let failed = 0;

/** Runs one named check; a throw is a failure, printed with its message. */
export async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ok    ${name}`);
  } catch (error) {
    failed++;
    console.log(`  FAIL  ${name}: ${error?.stack ?? error}`);
  }
}

/** The import must fail because `peer` is not installed, and the error must name it. */
export async function missingPeer(specifier, peer) {
  try {
    await import(specifier);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes(`'${peer}'`))
      throw new Error(`${specifier} failed, but not for want of ${peer}: ${error?.message}`);
    return;
  }
  throw new Error(`${specifier} loaded without ${peer}: the probe's project is not clean`);
}

/** A peer must be absent from this project (so that a passing import proves it is not needed). */
export async function absent(peer) {
  try {
    await import(peer);
  } catch (error) {
    if (error?.code === 'ERR_MODULE_NOT_FOUND') return;
    throw error;
  }
  throw new Error(`${peer} is installed in this project`);
}

/** A node:http server on 127.0.0.1 answering `handler(req) → [status, headers, body]`. */
export async function localServer(handler) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const [status, headers, body] = handler(req);
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

/** Prints the tally and sets the exit code. */
export function done(label) {
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}
