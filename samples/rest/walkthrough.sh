#!/usr/bin/env bash
# A walk through Gridlet's REST API and CLI against a running cluster: deploy a jar, invoke a
# function by key (sync and async), start a trigger and watch it fire, read the metrics.
#
#   terminal 1:  ./gridlet demo --env-file /tmp/gridlet.env
#   terminal 2:  source /tmp/gridlet.env && samples/rest/walkthrough.sh
#
# It needs GRIDLET_URL and GRIDLET_TOKEN (the demo prints both), and checks every answer: the
# build runs it against a demo cluster (DemoScriptsIT), so each step here is known to work.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
: "${GRIDLET_URL:?set GRIDLET_URL, e.g. from ./gridlet demo --env-file FILE}"
: "${GRIDLET_TOKEN:?set GRIDLET_TOKEN, e.g. from ./gridlet demo --env-file FILE}"
JAR="${GRIDLET_SAMPLES_JAR:-$ROOT/samples/functions/target/gridlet-sample-functions.jar}"
AUTH=(-H "Authorization: Bearer $GRIDLET_TOKEN")
RUN="walk-$$"   # names of this run's maps and trigger, so the walkthrough can run twice

step() { printf '\n== %s\n' "$*"; }
# Prints the answer and fails the walkthrough unless it contains what it should.
expect() {
  local answer="$1" wanted="$2"
  printf '%s\n' "$answer"
  if [[ "$answer" != *"$wanted"* ]]; then
    echo "walkthrough: expected the answer to contain: $wanted" >&2
    exit 1
  fi
}

step "1. The cluster (CLI: ./gridlet cluster)"
expect "$("$ROOT/gridlet" cluster)" "MEMBER"

step "2. Deploy the sample function jar as version $RUN (curl, application/java-archive)"
expect "$(curl -sS --fail-with-body "${AUTH[@]}" -X POST -H 'Content-Type: application/java-archive' \
  --data-binary "@$JAR" "$GRIDLET_URL/api/v1/functions?version=$RUN")" "\"version\":\"$RUN\""
expect "$("$ROOT/gridlet" functions orders.total)" "$RUN"

step "3. Write an order, then total it on the member that owns it (sync)"
curl -sS --fail-with-body "${AUTH[@]}" -X PUT -H 'Content-Type: application/json' \
  -d '{"lines":[{"sku":"apple","quantity":3,"price":0.5},{"sku":"pear","quantity":2,"price":1.25}]}' \
  "$GRIDLET_URL/api/v1/maps/$RUN-orders/entries/o-1"
expect "$(curl -sS --fail-with-body "${AUTH[@]}" -X POST -D - \
  "$GRIDLET_URL/api/v1/functions/orders.total/invoke?map=$RUN-orders&key=o-1")" "4.0"
expect "$("$ROOT/gridlet" invoke orders.total --map "$RUN-orders" --key o-1)" "4.0"

step "4. The same call, async: 202 with an invocation id, then its record"
started="$(curl -sS --fail-with-body "${AUTH[@]}" -X POST \
  "$GRIDLET_URL/api/v1/functions/orders.total/invoke?map=$RUN-orders&key=o-1&async=true")"
expect "$started" "invocationId"
id="$(sed -E 's/.*"invocationId":"([^"]+)".*/\1/' <<<"$started")"
for _ in $(seq 1 50); do
  record="$(curl -sS --fail-with-body "${AUTH[@]}" "$GRIDLET_URL/api/v1/invocations/$id")"
  [[ "$record" == *RUNNING* ]] || break
  sleep 0.2
done
expect "$record" "SUCCEEDED"

step "5. An idempotent call: the second call with the same key returns the first answer"
curl -sS --fail-with-body "${AUTH[@]}" -X PUT -H 'Content-Type: application/json' -d '100' \
  "$GRIDLET_URL/api/v1/maps/$RUN-stock/entries/apple"
for _ in 1 2; do
  expect "$("$ROOT/gridlet" invoke stock.reserve 7 --map "$RUN-stock" --key apple --idempotency-key cart-1)" "93"
done

step "6. A trigger: orders.enrich runs when an order arrives in $RUN-incoming"
expect "$(curl -sS --fail-with-body "${AUTH[@]}" -X POST -H 'Content-Type: application/json' \
  -d "{\"name\":\"$RUN\",\"function\":\"orders.enrich\",\"type\":\"map-event\",\"map\":\"$RUN-incoming\",\"events\":[\"ADDED\"],\"resultMap\":\"$RUN-enriched\"}" \
  "$GRIDLET_URL/api/v1/triggers")" "\"name\":\"$RUN\""
curl -sS --fail-with-body "${AUTH[@]}" -X PUT -H 'Content-Type: application/json' \
  -d '{"lines":[{"sku":"plum","quantity":4,"price":0.75}]}' "$GRIDLET_URL/api/v1/maps/$RUN-incoming/entries/o-9"
enriched=""
for _ in $(seq 1 150); do
  enriched="$(curl -sS "${AUTH[@]}" "$GRIDLET_URL/api/v1/maps/$RUN-enriched/entries/o-9")"
  [[ "$enriched" == *total* ]] && break
  sleep 0.2
done
expect "$enriched" "\"total\":3.0"
expect "$("$ROOT/gridlet" triggers)" "$RUN"
expect "$(curl -sS --fail-with-body "${AUTH[@]}" -X DELETE -o /dev/null -w '%{http_code}' \
  "$GRIDLET_URL/api/v1/triggers/$RUN")" "204"

step "7. Errors are typed: an unknown function is a 404 problem"
expect "$(curl -sS "${AUTH[@]}" -X POST -w ' HTTP %{http_code}' "$GRIDLET_URL/api/v1/functions/no.such/invoke")" "HTTP 404"

step "8. Metrics, as Prometheus scrapes them"
expect "$(curl -sS --fail-with-body "${AUTH[@]}" "$GRIDLET_URL/prometheus" | grep '^gridlet_function_invocations_total{' \
  | grep "version=\"$RUN\"" | grep 'outcome="success"')" 'function="orders.total"'

printf '\nwalkthrough: every step answered as expected\n'
