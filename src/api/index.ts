export { type App, createServer, type ServerOptions } from './server.js';
