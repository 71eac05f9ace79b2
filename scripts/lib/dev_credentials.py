"""scripts/run's development credential: one AK/SK and one token for the development project, kept in a
file (mode 0600) and reused across restarts while the database still accepts them.

  dev_credentials.py ensure BIN PROJECT FILE   checks the kept credential with `BIN credentials list`
                                               (the configuration comes from STREAMJOBS_CONFIG_FILE, as for
                                               `serve`), mints what is missing, revoked or expired (the
                                               token when it has less than an hour left), keeps the result
                                               and prints the export lines to stderr
  dev_credentials.py show FILE URL             prints the kept export lines to stderr when the service at URL
                                               accepts the kept token; else says how to get a new one
"""
import base64
import hashlib
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

DESCRIPTION = "scripts/run (development)"
TOKEN_MARGIN_MS = 3600 * 1000  # a token with less left than this is replaced


def load(path):
    """The kept credential, or {} when there is none."""
    try:
        with open(path) as f:
            kept = json.load(f)
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def keep(path, credential):
    """Replaces the file with `credential`, readable by its owner only."""
    tmp = f"{path}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(credential, f, indent=2)
        f.write("\n")
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def cli(binary, *args):
    """Runs an admin command; its stderr goes to ours, a failure ends this script with its status."""
    done = subprocess.run([binary, *args], stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(done.returncode)
    return done.stdout


def master_key_id():
    """The id (first 8 hex digits of the SHA-256) of the master key in the configuration, or None."""
    text = os.environ.get("STREAMJOBS_MASTER_KEY", "")
    config = os.environ.get("STREAMJOBS_CONFIG_FILE", "")
    if not text and config:
        with open(config) as f:
            for line in f:
                if line.startswith("STREAMJOBS_MASTER_KEY="):
                    text = line.split("=", 1)[1].strip()
    text = "".join(text.split())
    try:
        raw = bytes.fromhex(text) if len(text) == 64 else base64.b64decode(text, validate=True)
    except ValueError:
        return None
    return hashlib.sha256(raw).hexdigest()[:8] if len(raw) == 32 else None


def ensure(binary, project, path):
    kept = load(path)
    if kept.get("project_id") != project:
        kept = {}
    listed = {c["credential_id"]: c for c in json.loads(cli(binary, "credentials", "list", "--project", project, "--json"))}
    now = int(time.time() * 1000)
    aksk = listed.get(kept.get("ak_credential_id"))
    aksk_ok = (aksk is not None and aksk["kind"] == "aksk" and aksk["revoked_at"] is None
               and aksk["ak"] == kept.get("ak") and kept.get("sk"))
    current_key = master_key_id()
    if aksk_ok and current_key and aksk.get("master_key_id") and aksk["master_key_id"] != current_key:
        # Sealed under another master key than the service's: the service could not open its SK.
        cli(binary, "credentials", "revoke", "--no-wait", aksk["credential_id"])
        aksk_ok = False
    token = listed.get(kept.get("token_credential_id"))
    token_ok = (token is not None and token["kind"] == "token" and token["revoked_at"] is None
                and (token["expires_at"] or 0) > now + TOKEN_MARGIN_MS and kept.get("token"))
    minted = []
    if not aksk_ok:
        created = json.loads(cli(binary, "credentials", "create", "--project", project, "--description", DESCRIPTION, "--json"))
        kept.update(ak=created["ak"], sk=created["sk"], ak_credential_id=created["credential_id"])
        minted.append("a new AK/SK")
    if not token_ok:
        created = json.loads(cli(binary, "credentials", "create", "--project", project, "--token", "--description", DESCRIPTION, "--json"))
        kept.update(token=created["token"], token_credential_id=created["credential_id"], token_expires_at=created["expires_at"])
        minted.append("a new token")
    kept["project_id"] = project
    keep(path, kept)
    state = ("minted " + " and ".join(minted)) if minted else "reused"
    announce(kept, f"{state}; kept in {path}")


def show(path, url):
    kept = load(path)
    accepted = False
    if kept.get("token"):
        request = urllib.request.Request(f"{url}/v1.0/{kept['project_id']}/streaming/jobs", headers={"X-Auth-Token": kept["token"]})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                accepted = response.status == 200
        except (urllib.error.URLError, OSError):
            accepted = False
    if accepted:
        announce(kept, f"kept in {path}")
    else:
        print(f"(no development credential of {path} is accepted by that service: stop it and run ./scripts/run"
              " again, or use the admin CLI below)", file=sys.stderr)


def announce(kept, state):
    """The export lines developers paste (README's curl quickstart starts from the `export P=… TOKEN=…` one)."""
    until = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(kept["token_expires_at"] / 1000))
    print(f"development credential for project {kept['project_id']} ({state}):", file=sys.stderr)
    print(f"  export HUAWEICLOUD_SDK_AK={kept['ak']} HUAWEICLOUD_SDK_SK={kept['sk']} HUAWEICLOUD_SDK_PROJECT_ID={kept['project_id']}", file=sys.stderr)
    print(f"  export P={kept['project_id']} TOKEN={kept['token']}   # curl -H \"X-Auth-Token: $TOKEN\" (valid until {until})", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "ensure":
        ensure(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "show":
        show(*sys.argv[2:])
    else:
        sys.exit(__doc__)
