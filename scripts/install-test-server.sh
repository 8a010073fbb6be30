#!/usr/bin/env bash
# Fetches Temporal's Java time-skipping test server (io.temporal:temporal-test-server) and its
# dependencies from Maven Central into the tool cache, and writes an executable wrapper that
# TestWorkflowEnvironment.createTimeSkipping can launch as an 'existing-path' server.
# Idempotent: returns at once when the wrapper is already there.
set -euo pipefail
TEST_SERVER_VERSION="${TEMPORAL_TEST_SERVER_VERSION:-1.31.0}"
CACHE_DIR="${TOOLS_CACHE_DIR:-$HOME/.cache/hr-benefits-tools}"
DIR="$CACHE_DIR/temporal-test-server/$TEST_SERVER_VERSION"
WRAPPER="$DIR/temporal-test-server"

if [ -x "$WRAPPER" ] && [ -d "$DIR/lib" ] && grep -q TieredStopAtLevel "$WRAPPER"; then
  echo "temporal test server $TEST_SERVER_VERSION already at $WRAPPER"
  exit 0
fi
command -v mvn >/dev/null || { echo "Maven (mvn) is needed to fetch the Temporal test server" >&2; exit 1; }
command -v java >/dev/null || { echo "Java is needed to run the Temporal test server" >&2; exit 1; }
mkdir -p "$DIR"
cat > "$DIR/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.tools</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>$TEST_SERVER_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
if [ ! -d "$DIR/lib" ]; then
echo "Fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION and its dependencies..."
mvn -q -B -f "$DIR/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$DIR/lib"
fi
cat > "$WRAPPER" <<'SH'
#!/usr/bin/env bash
# Arguments as the SDK passes them: <port> [--enable-time-skipping]
here="$(cd "$(dirname "$0")" && pwd)"
# Start fast: the SDK waits only 5 s for the port (C1-only JIT and the serial GC start the JVM sooner).
exec java ${TEMPORAL_TEST_SERVER_JAVA_OPTS:--Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto} -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"
SH
chmod +x "$WRAPPER"
echo "temporal test server at $WRAPPER"
