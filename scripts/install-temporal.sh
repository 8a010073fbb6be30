#!/usr/bin/env bash
# Installs the real Temporal CLI (dev server + Web UI) into a stable cache outside the checkout.
# Idempotent: returns at once when the binary is already there.
set -euo pipefail
TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
CACHE_DIR="${TOOLS_CACHE_DIR:-$HOME/.cache/hr-benefits-tools}"
BIN_DIR="$CACHE_DIR/temporal-cli/$TEMPORAL_CLI_VERSION"
BIN="$BIN_DIR/temporal"

if [ -x "$BIN" ]; then
  echo "temporal CLI $TEMPORAL_CLI_VERSION already at $BIN"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "No Go toolchain: the SDK will try its own download of the dev server at start-up." >&2
  exit 0
fi
mkdir -p "$BIN_DIR"
echo "Building temporal CLI $TEMPORAL_CLI_VERSION with go install (first run takes a few minutes)..."
# Later tags carry replace directives and cannot be go-installed; v1.5.1 can.
GOBIN="$BIN_DIR" GOFLAGS="${GOFLAGS:-} -trimpath" go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
"$BIN" --version
