// The operator key and the encryption key: from the environment, else generated once into DATA_DIR.
import type { AppConfig } from './config';
import { generateEncryptionKey, generateOperatorKey, readOrCreateSecret } from './secrets-file';

export function resolveRuntimeSecrets(config: AppConfig): { operatorApiKey: string; encryptionKey: string } {
  return {
    operatorApiKey: config.OPERATOR_API_KEY ?? readOrCreateSecret(config.dataDir, 'operator-api-key', generateOperatorKey),
    encryptionKey: config.ENCRYPTION_KEY ?? readOrCreateSecret(config.dataDir, 'encryption-key', generateEncryptionKey),
  };
}
