/**
 * `vendor-errors/redis`: pacing shared by every process that calls the same vendor account, through
 * Redis. Imports no Redis client: give it yours (ioredis ≥ 5 or node-redis ≥ 4).
 */
export type { RedisClientLike } from './client.js';
export { createRedisPacerStore, type RedisPacerStore, type RedisPacerStoreOptions } from './store.js';
