// `npm run api`: only the HTTP API (production: scale it out on its own).
import { runProcess } from './run-process';

void runProcess({ worker: false, api: true, sandbox: false });
