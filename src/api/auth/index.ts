export { clearKeyCache, keyFromHeader, keyOf, lookupKey, requireKey } from './require-key.js';
