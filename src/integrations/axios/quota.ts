/**
 * @internal A success's spent quota (retry/quota.ts) read off `AxiosHeaders` in one pass: axios'
 * `get` scans every key per name asked, and the quota check asks three (issue 14).
 */
import { AxiosHeaders, type AxiosResponse } from 'axios';
import { spentQuotaMs } from '../../retry/quota.js';

/** `spentQuotaMs`, but a response whose headers name no rate limit at all is answered without a lookup. */
export function axiosSpentQuotaMs(response: AxiosResponse): number | undefined {
  const headers: unknown = response?.headers;
  // Only axios' own class is known to keep each header as an own key (what its `get` scans).
  if (!(headers instanceof AxiosHeaders)) return spentQuotaMs(response);
  const names = Object.keys(headers);
  for (let i = 0; i < names.length; i++) {
    // `ratelimit`, `ratelimit-remaining`, `x-ratelimit-remaining`: every name the check reads.
    if ((names[i] as string).toLowerCase().includes('ratelimit')) return spentQuotaMs(response);
  }
  return undefined;
}
