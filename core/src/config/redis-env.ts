import { z } from 'zod';

/** REDIS_URL, declared once: required by the API, optional for the worker's throttle and the launcher. */
export const redisUrlVar = z.string().url().describe('Redis connection URL, e.g. redis://127.0.0.1:6379');
