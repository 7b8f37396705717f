/** `ws` only: the simulator's MFP WebSocket endpoint answers; msw is neither installed nor needed. */
import { absent, assert, check, done } from './lib.mjs';

await check('msw is not installed', () => absent('msw'));
await check('vendor-errors/testing + ws: MFP over WebSocket, a forced 10005', async () => {
  const { default: WebSocket } = await import('ws');
  const { startVendorSimulator } = await import('vendor-errors/testing');
  const { normalize, RateLimitError } = await import('vendor-errors');
  const { mfp } = await import('vendor-errors/adapters');
  const sim = await startVendorSimulator();
  try {
    const socket = new WebSocket(`${sim.wsUrl}?token=t`);
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const reply = await new Promise((resolve) => {
      socket.once('message', (d) => resolve(d.toString()));
      socket.send(JSON.stringify({ action: 'get_info', params: { simulate_code: 10005 }, id: 'a' }));
    });
    socket.close();
    const err = normalize(mfp, { body: reply });
    assert(err instanceof RateLimitError, `reply ${reply}`);
  } finally {
    await sim.close();
  }
});
done('pack probe ws');
