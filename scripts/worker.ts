// `npm run worker`: only the Temporal worker (production: scale it out on its own).
import { runProcess } from './run-process';

void runProcess({ worker: true, api: false, sandbox: false });
