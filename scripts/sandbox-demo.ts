// The sandbox HR system that `npm start` runs for trying the product without a vendor account.
export async function startSandboxForDemo(port: number): Promise<{ url: string; close(): Promise<void> }> {
  const { startSandboxHrServer } = await import('../connectors/sandbox/fake-server');
  return startSandboxHrServer({ port });
}
