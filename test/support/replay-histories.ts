// Recorded workflow histories committed under test/replay-histories/: one JSON file per execution,
// named <workflow type>--<scenario>.json. Ids in them are random test ids; no personal data.
//
// Format: protobufjs's toObject/fromObject JSON of temporal.api.history.v1.History (enums as names,
// int64 as strings, bytes as base64, timestamps as {seconds, nanos}). Not the CLI's proto3-JSON:
// the SDK's historyFromJSON/historyToJSON throw "type must be a Type" with the protobufjs copies
// installed here (@temporalio/common and @temporalio/proto each bring their own).
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

type History = temporal.api.history.v1.History;
const { History } = temporal.api.history.v1;

export const REPLAY_HISTORIES_DIR = path.resolve(__dirname, '..', 'replay-histories');

export async function recordHistory(client: Client, fileStem: string, workflowId: string, runId?: string): Promise<string> {
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const json = History.toObject(History.fromObject(history), { longs: String, enums: String, bytes: String });
  const file = path.join(REPLAY_HISTORIES_DIR, `${fileStem}.json`);
  fs.mkdirSync(REPLAY_HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 1)}\n`);
  return file;
}

export function recordedHistories(): { workflowId: string; history: History; file: string }[] {
  if (!fs.existsSync(REPLAY_HISTORIES_DIR)) return [];
  return fs
    .readdirSync(REPLAY_HISTORIES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: History.fromObject(JSON.parse(fs.readFileSync(path.join(REPLAY_HISTORIES_DIR, file), 'utf8'))),
      file,
    }));
}
