/** workerd: `GET /?origin=…&tag=…` runs the suite inside a request and answers the results as JSON. */
import { runSuite } from './suite.js';

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const results = await runSuite(url.searchParams.get('origin') ?? '', url.searchParams.get('tag') ?? 'workerd');
    return Response.json(results);
  },
};
