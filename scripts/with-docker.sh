#!/usr/bin/env bash
# Runs a command against a Docker engine that responds, and starts the sandbox
# engine of docker-sandbox.sh when none does.
#
# Usage: with-docker.sh CMD [ARGS...]
#
# The engine is the first of these that responds to `docker version`:
#   1. DOCKER_HOST, if it is set.
#   2. The default socket unix:///var/run/docker.sock.
#   3. The sandbox engine. It is started if needed, and stopped when the
#      command ends if this run started it and no other with-docker.sh run
#      still uses it. An engine started by hand keeps running.
#
# Exports SLASHDOCK_TEST_BASE_IMAGE=busybox:latest unless it is set, and exits
# with the exit status of CMD.

set -euo pipefail

readonly SCRIPT_NAME="with-docker.sh"
SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR
readonly SANDBOX_SCRIPT="$SCRIPT_DIR/docker-sandbox.sh"
# Same default as in docker-sandbox.sh.
readonly SANDBOX_DIR="${SLASHDOCK_SANDBOX_DIR:-/tmp/slashdock-docker}"
readonly USERS_LOCK_FILE="$SANDBOX_DIR/users.lock"
readonly DEFAULT_DOCKER_HOST="unix:///var/run/docker.sock"
readonly PROBE_TIMEOUT=10
readonly LOCK_TIMEOUT=180

USERS_LOCK_FD=""
SANDBOX_STARTED_HERE=false

log() {
  printf '%s: %s\n' "$SCRIPT_NAME" "$*" >&2
}

# Succeed if `docker version` succeeds within PROBE_TIMEOUT seconds through the
# DOCKER_HOST and TLS settings of the environment, or through the given host.
engine_responds() {
  local -a host_args=()
  if (($# > 0)); then
    host_args=(--host "$1")
  fi
  command -v docker >/dev/null 2>&1 || return 1
  timeout "$PROBE_TIMEOUT" docker "${host_args[@]}" version >/dev/null 2>&1
}

# Stop the sandbox engine if this run started it and holds the only users lock.
# shellcheck disable=SC2317 # Called by the EXIT trap.
stop_sandbox_if_started() {
  [[ "$SANDBOX_STARTED_HERE" == true && -n "$USERS_LOCK_FD" ]] || return 0

  # Every run that uses the sandbox holds a shared lock. If another run holds
  # one, the exclusive lock fails at once and the engine stays up for it.
  # NOTE: when runs overlap, the last one to finish may not be the one that
  # started the engine, so the engine can stay running. The next start reuses it.
  if flock --exclusive --nonblock "$USERS_LOCK_FD"; then
    bash "$SANDBOX_SCRIPT" stop ||
      log "failed to stop the sandbox engine; stop it with: bash $SANDBOX_SCRIPT stop"
  else
    log "leaving the sandbox engine running because another with-docker.sh run uses it"
  fi
}

# Start the sandbox engine unless it is running, and record whether this run
# started it.
start_sandbox() {
  local status=0
  bash "$SANDBOX_SCRIPT" status >/dev/null 2>&1 || status=$?
  # Any status but 0 (running) means that `start` below launches the engine or
  # reports why it cannot.
  if ((status != 0)); then
    SANDBOX_STARTED_HERE=true
  fi
  if [[ -n "$USERS_LOCK_FD" ]]; then
    # dockerd must not inherit the lock, or the lock would outlive this run.
    bash "$SANDBOX_SCRIPT" start {USERS_LOCK_FD}>&-
  else
    bash "$SANDBOX_SCRIPT" start
  fi
}

use_sandbox_engine() {
  start_sandbox

  exec {USERS_LOCK_FD}>>"$USERS_LOCK_FILE"
  if ! flock --shared --wait "$LOCK_TIMEOUT" "$USERS_LOCK_FD"; then
    log "timed out after ${LOCK_TIMEOUT} s waiting for $USERS_LOCK_FILE while another run stopped the sandbox engine"
    exit 1
  fi

  local sandbox_env
  sandbox_env="$(bash "$SANDBOX_SCRIPT" env)"
  eval "$sandbox_env"
  unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH

  # Another run may have stopped the engine between our start and our lock.
  if ! engine_responds "$DOCKER_HOST"; then
    start_sandbox
  fi
}

main() {
  if (($# == 0)); then
    printf 'Usage: %s CMD [ARGS...]\n' "$SCRIPT_NAME" >&2
    exit 2
  fi

  export SLASHDOCK_TEST_BASE_IMAGE="${SLASHDOCK_TEST_BASE_IMAGE:-busybox:latest}"

  if [[ -n "${DOCKER_HOST:-}" ]]; then
    if engine_responds; then
      exec "$@"
    fi
    log "DOCKER_HOST=$DOCKER_HOST does not respond; trying $DEFAULT_DOCKER_HOST and then the sandbox engine"
  fi
  if engine_responds "$DEFAULT_DOCKER_HOST"; then
    export DOCKER_HOST="$DEFAULT_DOCKER_HOST"
    unset DOCKER_CONTEXT DOCKER_TLS_VERIFY DOCKER_CERT_PATH
    exec "$@"
  fi

  trap stop_sandbox_if_started EXIT
  trap 'exit 129' HUP
  trap 'exit 130' INT
  trap 'exit 143' TERM
  use_sandbox_engine

  local status=0
  "$@" {USERS_LOCK_FD}>&- || status=$?
  exit "$status"
}

main "$@"
