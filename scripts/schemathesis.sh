#!/usr/bin/env bash
# Property-based API check: does the server answer what /openapi.json says it answers?
# Starts the product (scripts/start.ts, as `npm start`) on embedded defaults on free ports in a
# throw-away DATA_DIR, seeds test data, and runs schemathesis with every check and every phase
# against /openapi.json once per kind of key, each on the routes that key is for:
#   company   a company key, every route (synced sandbox employees, a benefit and a voucher seeded)
#   operator  the operator key, creating companies and the catalog
#   connect   a connect link's token, the catalog and the integration routes
#   upload    a company key, the HR file routes of an HR file export integration with a file
# Exits non-zero on any failure of any pass.
#
#   bash scripts/schemathesis.sh [extra schemathesis args, e.g. --max-examples 20]
#
# schemathesis comes from PyPI into a virtualenv in the tool cache (TOOLS_CACHE_DIR); pin another
# version with SCHEMATHESIS_VERSION. SCHEMATHESIS_URL=http://host:port tests a running API instead
# (then set SCHEMATHESIS_OPERATOR_KEY; without it only SCHEMATHESIS_API_KEY's company pass runs).
# SCHEMATHESIS_PASSES="company upload" runs only those passes.
set -euo pipefail
EXTRA_ARGS=("$@")

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${TOOLS_CACHE_DIR:-$HOME/.cache/hr-benefits-tools}"
VENV="$TOOLS/schemathesis-venv"
VERSION="${SCHEMATHESIS_VERSION:-4.32.5}"

if [ ! -x "$VENV/bin/schemathesis" ] || ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "version $VERSION\$"; then
  echo "Installing schemathesis $VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$VERSION"
fi

free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/schemathesis.XXXXXX")"
chmod 755 "$WORK" # embedded PostgreSQL runs initdb as another user when started as root
PRODUCT_PID=""
cleanup() {
  if [ -n "$PRODUCT_PID" ] && kill -0 "$PRODUCT_PID" 2>/dev/null; then
    kill -TERM "$PRODUCT_PID" 2>/dev/null || true
    for _ in $(seq 1 90); do kill -0 "$PRODUCT_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$PRODUCT_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${SCHEMATHESIS_URL:-}" ]; then
  BASE="$SCHEMATHESIS_URL"
  OPERATOR_KEY="${SCHEMATHESIS_OPERATOR_KEY:-}"
else
  PORT="$(free_port)"
  SANDBOX_PORT="$(free_port)"
  OPERATOR_KEY="op_schemathesis_$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')"
  echo "Starting the product (log: $WORK/product.log)"
  (
    cd "$ROOT"
    export DATA_DIR="$WORK/data" HOST=127.0.0.1 PORT="$PORT" OPERATOR_API_KEY="$OPERATOR_KEY" \
      EMBEDDED_POSTGRES_PORT="$(free_port)" TEMPORAL_DEV_PORT="$(free_port)" TEMPORAL_UI_PORT="$(free_port)" \
      SANDBOX_HR_PORT="$SANDBOX_PORT" LOG_LEVEL=warn
    # tsx itself, not npx: npx does not pass SIGTERM on, and the product would outlive the script.
    exec "$ROOT/node_modules/.bin/tsx" scripts/start.ts
  ) >"$WORK/product.log" 2>&1 &
  PRODUCT_PID=$!
  BASE="http://127.0.0.1:$PORT"
  for i in $(seq 1 240); do
    if grep -q '^Ready in' "$WORK/product.log" 2>/dev/null; then break; fi
    if ! kill -0 "$PRODUCT_PID" 2>/dev/null || [ "$i" = 240 ]; then
      echo "The product did not start:" >&2
      tail -n 40 "$WORK/product.log" >&2
      exit 2
    fi
    sleep 1
  done
fi

json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let v=JSON.parse(s);for(const k of process.argv[1].split("."))v=v[k];console.log(v)})' "$1"; }
# api KEY METHOD PATH [JSON body]
api() { curl -sf -X "$2" "$BASE$3" -H "Authorization: Bearer $1" ${4:+-H 'content-type: application/json' -d "$4"}; }
new_company() { api "$OPERATOR_KEY" POST /v1/companies "{\"name\":\"$1\"}" | json apiKey; }

API_KEY="${SCHEMATHESIS_API_KEY:-}"
[ -z "$API_KEY" ] && API_KEY="$(new_company 'Schemathesis GmbH')"

# Test data, so that the employee, benefit and voucher routes meet real resources, not only 404s:
# the employees of a sandbox HR system synced once, a benefit and a voucher of one of them.
SEED=""
if [ -n "${SANDBOX_PORT:-}" ]; then
  INTEGRATION_ID="$(api "$API_KEY" POST /v1/integrations '{"hrSystem":"sandbox"}' | json id)"
  api "$API_KEY" PUT "/v1/integrations/$INTEGRATION_ID/credentials" "{\"apiKey\":\"sandbox-demo-key\",\"baseUrl\":\"http://127.0.0.1:$SANDBOX_PORT\"}" >/dev/null
  api "$API_KEY" POST "/v1/integrations/$INTEGRATION_ID/activate" >/dev/null
  # Three employees: one to read and give benefits, one to terminate now, one to delete.
  for _ in $(seq 1 60); do
    EMPLOYEES="$(api "$API_KEY" GET '/v1/employees?status=ACTIVE&limit=3' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items.map((e)=>e.id).join(" ")))' 2>/dev/null || true)"
    [ "$(echo "$EMPLOYEES" | wc -w)" = 3 ] && break
    sleep 1
  done
  read -r EMPLOYEE_ID TERMINATED_ID DELETED_ID <<<"$EMPLOYEES"
  BENEFIT_ID="$(api "$API_KEY" POST "/v1/employees/$EMPLOYEE_ID/benefits" '{"type":"MONTHLY_VOUCHER"}' | json id)"
  MONTH="$(node -e 'console.log(new Intl.DateTimeFormat("en-CA",{timeZone:"Europe/Berlin",year:"numeric",month:"2-digit"}).format(new Date()).slice(0,7))')"
  VOUCHER_ID="$(api "$API_KEY" POST "/v1/employees/$EMPLOYEE_ID/vouchers" "{\"benefitId\":\"$BENEFIT_ID\",\"month\":\"$MONTH\"}" | json id)"
  # Disconnected again (its employees stay): schemathesis connects one of its own.
  api "$API_KEY" DELETE "/v1/integrations/$INTEGRATION_ID" >/dev/null
  echo "Test data: integration $INTEGRATION_ID (disconnected), employees $EMPLOYEES, benefit $BENEFIT_ID, voucher $VOUCHER_ID"
  SEED="
[[operations]]
include-name = \"DELETE /v1/employees/{id}\"
parameters = { \"path.id\" = \"$DELETED_ID\" }

[[operations]]
include-name = \"POST /v1/employees/{id}/terminate-now\"
parameters = { \"path.id\" = \"$TERMINATED_ID\" }

[[operations]]
include-path = \"/v1/employees/{id}/benefits/{benefitId}\"
parameters = { \"path.id\" = \"$EMPLOYEE_ID\", \"path.benefitId\" = \"$BENEFIT_ID\" }

[[operations]]
include-path-regex = \"^/v1/employees/[{]id[}](/benefits|/vouchers|/leaving-date)?\$\"
exclude-name = \"DELETE /v1/employees/{id}\"
parameters = { \"path.id\" = \"$EMPLOYEE_ID\" }

[[operations]]
include-path = \"/v1/vouchers/{id}/redeem\"
parameters = { \"path.id\" = \"$VOUCHER_ID\" }
"
fi

# The one answer no OpenAPI document can state: which credentials fit depends on the integration's
# HR system (state), so a body that is valid for another system is a 400 invalid_credentials, and
# credentials the HR system refuses are a 422 credentials_rejected (both documented on the route).
# And a path parameter longer than the server takes is refused with a 414 (documented), a rejection
# the default list of negative_data_rejection lacks.
cat >"$WORK/base.toml" <<'TOML'
[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429", "5xx"]

[[operations]]
include-name = "PUT /v1/integrations/{id}/credentials"
checks.positive_data_acceptance.expected-statuses = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429", "5xx"]
checks.use_after_free.enabled = false

# DELETE /v1/integrations/{id} disconnects (documented): the integration stays readable, DISCONNECTED,
# with its sync history, so "deleted resource still available" does not apply under it.
[[operations]]
include-path-regex = "^/v1/integrations/[{]id[}]"
exclude-path = "/v1/integrations/{id}/credentials"
checks.use_after_free.enabled = false
TOML

FAILED=""
# pass NAME KEY EXTRA_TOML [schemathesis args]
pass() {
  local name="$1" key="$2" extra="$3"
  shift 3
  case " ${SCHEMATHESIS_PASSES:-company operator connect upload} " in *" $name "*) ;; *) return 0 ;; esac
  { cat "$WORK/base.toml"; echo "$extra"; } >"$WORK/$name.toml"
  echo "=== schemathesis pass \"$name\" against $BASE/openapi.json"
  local status=0
  # Every check runs: schemathesis enables all of them by default. Not `--checks all`: a check named on
  # the command line overrides the configuration's per-operation exceptions above.
  (cd "$WORK" && "$VENV/bin/schemathesis" --config-file "$WORK/$name.toml" run "$BASE/openapi.json" \
    --url "$BASE" \
    --phases examples,coverage,fuzzing,stateful \
    --header "Authorization: Bearer $key" \
    --workers 1 \
    --seed "${SCHEMATHESIS_SEED:-1}" \
    --report junit --report-dir "$WORK/report/$name" \
    "$@") || status=$?
  [ "$status" = 0 ] || FAILED="$FAILED $name"
}

pass company "$API_KEY" "$SEED" "${EXTRA_ARGS[@]}"

if [ -n "$OPERATOR_KEY" ]; then
  # The operator's own routes: creating companies (and reading the catalog).
  pass operator "$OPERATOR_KEY" "" --include-path-regex '^/v1/(companies|hr-systems)$' "${EXTRA_ARGS[@]}"

  # A connect link reaches the catalog and the integration routes; its company is a fresh one.
  CONNECT_TOKEN="$(api "$(new_company 'Schemathesis Connect GmbH')" POST /v1/connect-links '{"expiresInMinutes":1440}' | json url | sed 's/.*[?&]link=//')"
  pass connect "$CONNECT_TOKEN" "" --include-path-regex '^/v1/(hr-systems|integrations)' "${EXTRA_ARGS[@]}"

  # An HR file export integration with a file, so that the upload and the preview meet a real integration.
  UPLOAD_KEY="$(new_company 'Schemathesis Upload GmbH')"
  UPLOAD_ID="$(api "$UPLOAD_KEY" POST /v1/integrations '{"hrSystem":"hr-file-export"}' | json id)"
  api "$UPLOAD_KEY" PUT "/v1/integrations/$UPLOAD_ID/credentials" '{"source":"upload"}' >/dev/null
  printf 'ID;Vorname;Nachname;E-Mail;Austrittsdatum\n1;Anna;Alt;anna.alt@example.com;\n2;Bert;Bau;bert.bau@example.com;2027-01-31\n' |
    curl -sf -X PUT "$BASE/v1/integrations/$UPLOAD_ID/files" -H "Authorization: Bearer $UPLOAD_KEY" -H 'content-type: text/csv' --data-binary @- >/dev/null
  echo "Test data: HR file export integration $UPLOAD_ID with a file"
  # Which bytes make a usable file depends on the integration's settings (delimiter, encoding,
  # columns: state, not schema), so a schema-valid body may be a 422 hr_file_invalid (documented).
  pass upload "$UPLOAD_KEY" "
[[operations]]
include-path-regex = \"^/v1/integrations/[{]id[}]/files\"
parameters = { \"path.id\" = \"$UPLOAD_ID\" }

[[operations]]
include-name = \"PUT /v1/integrations/{id}/files\"
checks.positive_data_acceptance.expected-statuses = [\"2xx\", \"3xx\", \"401\", \"403\", \"404\", \"409\", \"422\", \"429\", \"5xx\"]
" --include-path-regex '^/v1/integrations/[{]id[}]/files' "${EXTRA_ARGS[@]}"
fi

if [ -n "${SCHEMATHESIS_REPORT_DIR:-}" ]; then mkdir -p "$SCHEMATHESIS_REPORT_DIR" && cp -r "$WORK/report/." "$SCHEMATHESIS_REPORT_DIR/"; fi
if [ -n "$FAILED" ]; then
  echo "schemathesis found failures in the pass(es):$FAILED" >&2
  exit 1
fi
echo "schemathesis: no failures in any pass"
