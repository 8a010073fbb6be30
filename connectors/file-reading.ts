// Part of the connectors' public surface: how an HR export file is read (the CSV tokenizer the
// domain rules are given), so the API checks an upload exactly as the HR file export connector will
// read it at the next sync.
export { csvTokenizer } from './hr-file-export/csv';
