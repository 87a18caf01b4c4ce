// Public surface of the tracking API core (the HTTP routes and the CLI import only this).
export { type DeadLetter, listDeadLetters } from './dead-letters.js';
export {
  type ApiKey,
  createKey,
  findKey,
  hashKey,
  KEY_SCOPES,
  type KeyScope,
  listKeys,
  revokeKey,
} from './keys.js';
export { type CallType, isCallType, prepareBody } from './prepare.js';
export { DEFAULT_TRACKING_OPTIONS, type TrackingOptions, TrackingService } from './service.js';
