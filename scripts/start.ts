// `npm start`: the whole product on embedded defaults (or on DATABASE_URL / TEMPORAL_ADDRESS).
import { runProcess } from './run-process';

void runProcess({ worker: true, api: true, sandbox: true, demoConnectLink: true });
