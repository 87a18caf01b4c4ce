export { createServer, type App, type ServerOptions } from './server.js';
