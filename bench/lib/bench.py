#!/usr/bin/env python3
"""The benchmark driver behind bench/run (see bench/README.md). Not meant to be run by hand:
bench/run builds the binaries and starts the throw-away PostgreSQL cluster first.

Method (from /work/shared/mhd-libpq-notes.md, "How it was measured"): the system under test
(PostgreSQL, the service, the C reference) runs on CPU 0 and the load generators (wrk, pgbench) on
CPU 1, the same for every case; CPU comes from /proc (server utime+stime; PostgreSQL = postmaster +
its live children + its reaped children); peak RSS is VmHWM, reset before each run through
/proc/PID/clear_refs; every DELETE hits a live row and the table is reset before each write run.

Authentication is on, as deployed: X-Auth-Token on every case (--auth token, the default), AK/SK
signatures on get_aksk and delete_aksk, and --auth none (or token,none) for comparison. The bench's
credentials come from the binary's own admin command (`streamjobs credentials create`).
"""
import argparse
import csv
import difflib
import glob
import http.client
import json
import os
import random
import re
import resource
import signal
import subprocess
import sys
import time

import aksk

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT = os.path.dirname(BENCH)
CASES = ["get", "delete", "create", "list_first", "list_deep", "batch_delete", "no_db", "get_aksk", "delete_aksk"]
# The AK/SK-signed cases: the same request and data as their base case, signed instead of a token.
AKSK_CASES = {"get_aksk": "get", "delete_aksk": "delete"}
WRITE_CASES = {"delete", "create", "batch_delete", "delete_aksk"}
# --auth: how the token-capable cases authenticate ("token": X-Auth-Token on every request, as deployed;
# "none": the service runs with STREAMJOBS_AUTH=none, for comparison). AK/SK cases always sign.
AUTH_MODES = ("token", "none")
TCK = os.sysconf("SC_CLK_TCK")
SERVER_CPU, LOADGEN_CPU = "0", "1"
LIST_STATUS = "job_finish"


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def die(msg):
    log(f"error: {msg}")
    sys.exit(1)


# ---------------------------------------------------------------------------------------------------
# The limit side of each database-bound case: pgbench on the very statements the service sends for
# one request, in the same order and transaction shape. The sequence per request is not written here:
# it is captured from the service (bench/sql/requests/<auth>/<case>.txt, statement texts in
# bench/sql/statements/<name>.sql) and checked on every run. Here are only the per-transaction values:
# PRE are pgbench meta-commands run first; BIND maps a statement's $n to a pgbench variable, given the
# statement's occurrence number within the request (the k-th jobs_snapshot of a batch gets id<k>).
# Every other parameter keeps the value the service sent in the capture (a -D constant), and a NULL is
# written inline, because pgbench cannot bind a SQL NULL.
# ---------------------------------------------------------------------------------------------------
PRE = {
    "get": [r"\set j random(0, :nget - 1)", r"\set id :d + 1 + (:j / 266) * 280 + :j % 266"],
    "delete": [r"\set id0 :off + 1 + :client_id + :k * :nc", r"\set k :k + 1"],
    "create": [r"\set name :base + 1 + :client_id + :k * :nc", r"\set k :k + 1"],
    "list_first": [],
    "list_deep": [],
    "batch_delete": [r"\set b :off + 1 + 10 * (:client_id + :k * :nc)", r"\set k :k + 1"]
    + [rf"\set id{j} :b + {j}" for j in range(10)],
}
BIND = {
    "jobs_find_live": lambda k: {2: "id"},
    "jobs_snapshot": lambda k: {2: f"id{k}"},
    "jobs_commit_transition": lambda k: {2: f"id{k}"},
    "jobs_insert": lambda k: {2: "name"},
}
SIMPLE = "simple"  # the name of a statement sent as plain SQL (PQexec), e.g. BEGIN and COMMIT


def base_case(case):
    """The request a case sends: get_aksk is get, signed."""
    return AKSK_CASES.get(case, case)


def auth_of(case, mode):
    """How a case authenticates in an --auth mode: "token", "aksk" or "none"."""
    return "aksk" if case in AKSK_CASES else mode


def server_mode(auth):
    """The service's STREAMJOBS_AUTH for an authentication: tokens and AK/SK need it on."""
    return "none" if auth == "none" else "on"


class Bench:
    def __init__(self, a):
        self.a = a
        self.sock = os.path.join(a.pg_dir, "sock")
        self.data = os.path.join(a.pg_dir, "data")
        self.p0 = None
        self.maxid = None
        self.server = None
        self.server_log = None
        self.ref = None
        self.no_db_path = None
        self.no_db_note = ""
        self.captured = {}  # (auth, case) -> the statements of one request
        self.server_mode = None  # the STREAMJOBS_AUTH the running service has
        # A fresh master key per run, for the admin command and the service alike (AK/SK secrets are
        # sealed under it); the bench's credentials are created after the load (make_credentials).
        self.master_key = os.urandom(32).hex()
        self.token = self.ak = self.sk = None
        self.signed = {}  # case -> (file of signed requests, when signed)
        self.work = a.work
        os.makedirs(self.work, exist_ok=True)
        self.lua = os.path.join(BENCH, "lua")
        self.runs = 0

    # ---- PostgreSQL ------------------------------------------------------------------------------
    def psql(self, sql=None, file=None, variables=None, quiet=False):
        cmd = ["psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", "-h", self.sock, "-p", str(self.a.pg_port),
               "-U", "postgres", "-d", "bench"]
        for k, v in (variables or {}).items():
            cmd += ["-v", f"{k}={v}"]
        cmd += ["-f", file] if file else ["-c", sql]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            die(f"psql failed: {(sql or file)[:200]}\n{r.stderr}")
        return r.stdout.strip()

    def postmaster(self):
        with open(os.path.join(self.data, "postmaster.pid")) as f:
            return int(f.readline())

    # The role the service and pgbench run as: the service's runtime role (migrations/0006), which does
    # not own the tables, so row-level security applies to both sides as in production.
    APP_ROLE = "streamjobs_app"

    def db_env(self, user="postgres"):
        return {"STREAMJOBS_DATABASE_URL": f"host={self.sock} port={self.a.pg_port} dbname=bench user={user}",
                "STREAMJOBS_MIGRATIONS_DIR": os.path.join(ROOT, "migrations")}

    def sizes(self):
        if self.a.quick or self.a.soak or self.a.check_sql:  # (--check-sql measures nothing)
            return dict(n0=58_000, d=30_000, deep=5_000)
        return dict(n0=1_000_000, d=300_000, deep=100_000)

    def load(self):
        s = self.sizes()
        self.n0, self.d, self.deep = s["n0"], s["d"], s["deep"]
        self.nget = (self.n0 - self.d) // 280 * 266
        env = dict(os.environ, **self.db_env())
        r = subprocess.run([self.a.binary, "migrate", "up"], env=env, capture_output=True, text=True)
        if r.returncode != 0:
            die(f"streamjobs migrate up failed:\n{r.stdout}{r.stderr}")
        self.psql(f"ALTER ROLE {self.APP_ROLE} LOGIN")  # migrations/0006 made it NOLOGIN
        log(f"loading the data set: largest project {self.n0:,} jobs, delete pool {self.d:,} ...")
        t = time.time()
        self.psql(file=os.path.join(BENCH, "sql", "load.sql"), variables={"n0": self.n0, "d": self.d})
        self.p0 = self.psql("SELECT md5('bench-project-1')")
        self.maxid = int(self.psql("SELECT max(job_id) FROM jobs"))
        stats = self.psql("SELECT count(*), count(*) FILTER (WHERE deleted_at IS NOT NULL), count(DISTINCT project_id), "
                          "count(DISTINCT status), pg_size_pretty(pg_total_relation_size('jobs')) FROM jobs")
        self.dataset = stats.replace("|", " ")
        total, deleted, projects, statuses, size = stats.split("|")
        self.dataset = (f"{int(total):,} jobs in {projects} projects (largest {self.n0:,}), {statuses} statuses, "
                        f"{int(deleted):,} deleted, jobs table {size}")
        log(f"loaded in {time.time() - t:.0f} s: {self.dataset}")
        self.check_data()
        self.make_credentials()

    def make_credentials(self):
        """A token and an AK/SK for the project the cases use, made by the binary's admin command as
        an operator would (it connects as the tables' owner and seals the SK under the master key)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMJOBS_")}
        owner = self.db_env()["STREAMJOBS_DATABASE_URL"]
        env.update(self.db_env(), STREAMJOBS_MIGRATE_DATABASE_URL=owner, STREAMJOBS_MASTER_KEY=self.master_key)

        def create(*flags):
            cmd = [self.a.binary, "credentials", "create", "--project", self.p0, "--description", "bench/run",
                   "--json", *flags]
            r = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if r.returncode != 0:
                die(f"streamjobs credentials create {' '.join(flags)} failed:\n{r.stdout}{r.stderr}")
            return json.loads(r.stdout)
        self.token = create("--token")["token"]
        pair = create()
        self.ak, self.sk = pair["ak"], pair["sk"]
        log(f"credentials for project {self.p0}: a token and the AK {self.ak} (streamjobs credentials create)")

    def check_data(self):
        problems = self.psql(file=os.path.join(BENCH, "sql", "check.sql"), variables={"p0": self.p0, "d": self.d})
        if problems:
            die(f"data set inconsistent:\n{problems}")

    def quiesce(self):
        """Waits until requests still in flight when the load generator stopped have finished (the
        service keeps answering them): no write for half a second."""
        sql = "SELECT (SELECT count(*) FROM job_journal) || '/' || (SELECT max(job_id) FROM jobs)"
        last = self.psql(sql)
        for _ in range(120):
            time.sleep(0.5)
            now = self.psql(sql)
            if now == last:
                return
            last = now
        die("the database did not go quiet within 60 s after a run")

    def reset(self):
        self.quiesce()
        self.psql(file=os.path.join(BENCH, "sql", "reset.sql"),
                  variables={"p0": self.p0, "d": self.d, "maxid": self.maxid})

    # ---- the service and the C reference ---------------------------------------------------------
    def start_server(self, mode):
        """Starts the service with STREAMJOBS_AUTH=mode ("on" or "none"), stopping a running one that
        has the other mode."""
        if self.server and self.server.poll() is None:
            if self.server_mode == mode:
                return
            self.stop(self.server)
        # Only our settings: nothing inherited (no Flink engine, so no reconciler; authentication on with
        # the bench's master key, or off, which the service allows on loopback only).
        env = {k: v for k, v in os.environ.items() if not k.startswith("STREAMJOBS_")}
        if mode == "on":
            env["STREAMJOBS_MASTER_KEY"] = self.master_key
        env = dict(env, **self.db_env(self.APP_ROLE), STREAMJOBS_AUTH=mode, STREAMJOBS_HTTP_HOST="127.0.0.1",
                   STREAMJOBS_HTTP_PORT=str(self.a.http_port), STREAMJOBS_HTTP_THREADS=str(self.a.threads),
                   STREAMJOBS_DB_POOL_SIZE=str(self.a.pool), STREAMJOBS_LOG_LEVEL="warning")
        env.update(self.passed_settings())
        if self.server_log:
            self.server_log.close()
        self.server_log = open(os.path.join(self.work, "server.log"), "a")
        self.server = subprocess.Popen(["taskset", "-c", SERVER_CPU, self.a.binary, "serve"], env=env,
                                       stdout=self.server_log, stderr=subprocess.STDOUT)
        self.server_mode = mode
        self.wait_http(self.a.http_port, self.server)

    # Service settings a user may set for a comparison run; otherwise the service's own defaults apply.
    PASSED = ("STREAMJOBS_DB_PIPELINES", "STREAMJOBS_DB_PIPELINE_SESSIONS", "STREAMJOBS_SCHED_BATCH")

    def passed_settings(self):
        return {k: os.environ[k] for k in self.PASSED if k in os.environ}

    def wait_http(self, port, proc):
        for _ in range(200):
            if proc.poll() is not None:
                die(f"server on port {port} exited with {proc.returncode} (see {self.work})")
            try:
                socket_ok = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                socket_ok.request("GET", "/")
                socket_ok.getresponse().read()
                return
            except OSError:
                time.sleep(0.1)
        die(f"nothing answers on port {port}")

    def stop(self, proc):
        if proc and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    @staticmethod
    def raw_get(port, path):
        """The exact bytes of a response to a minimal GET (a wrk-like request)."""
        import socket
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
            data = b""
            while b"\r\n\r\n" not in data:
                data += s.recv(65536)
            head, body = data.split(b"\r\n\r\n", 1)
            length = int(re.search(rb"(?im)^content-length: *(\d+)", head).group(1))
            while len(body) < length:
                body += s.recv(65536)
            return head.decode(), body

    def setup_no_db(self):
        head, body = self.raw_get(self.a.http_port, "/healthz")
        if head.startswith("HTTP/1.1 200"):
            self.no_db_path = "/healthz"
            self.no_db_note = "GET /healthz (process alive, no database)"
        else:
            self.no_db_path = "/bench-no-such-route"
            head, body = self.raw_get(self.a.http_port, self.no_db_path)
            self.no_db_note = f"GET {self.no_db_path} (no /healthz in this build: the 404 answered without the database)"
        lines = head.split("\r\n")
        status = lines[0].split(" ")[1]
        headers = []
        for line in lines[1:]:
            name, value = line.split(":", 1)
            if name.lower() not in ("content-length", "date", "x-request-id", "connection"):
                headers += [name, value.strip()]
        self.ref = subprocess.Popen(["taskset", "-c", SERVER_CPU, self.a.healthz_bin, str(self.a.ref_port),
                                     str(self.a.threads), status, body.decode()] + headers,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.wait_http(self.a.ref_port, self.ref)

        def norm(h):
            h = re.sub(r"(?im)^(date:) [^\r\n]*", r"\1 <date>", h)
            return re.sub(r"(?im)^(x-request-id:) [0-9a-f]{32}(?=\r?$)", r"\1 <32 hex>", h)
        ours = norm(head) + "\r\n\r\n" + body.decode()
        theirs_head, theirs_body = self.raw_get(self.a.ref_port, self.no_db_path)
        theirs = norm(theirs_head) + "\r\n\r\n" + theirs_body.decode()
        if ours != theirs:
            die("the C reference does not answer the same bytes as the service:\n"
                + "\n".join(difflib.unified_diff(ours.split("\r\n"), theirs.split("\r\n"), "service", "C", lineterm="")))
        log(f"no_db: {self.no_db_note}; the C reference answers the same bytes")

    # ---- statement capture and the staleness check -----------------------------------------------
    def auth_headers(self, auth, method, path, body=None):
        """The authentication headers of one request: none, the token, or an AK/SK signature."""
        if auth == "token":
            return {"X-Auth-Token": self.token}
        if auth == "aksk":
            date = aksk.sdk_date()
            return {"Host": self.host(), "X-Sdk-Date": date, "Authorization": aksk.authorization(
                method, path, self.host(), date, self.ak, self.sk, (body or "").encode())}
        return {}

    def host(self):
        return f"127.0.0.1:{self.a.http_port}"  # the Host header wrk sends (and AK/SK requests sign)

    def request(self, method, path, body=None, auth="none"):
        c = http.client.HTTPConnection("127.0.0.1", self.a.http_port, timeout=30)
        headers = self.auth_headers(auth, method, path, body)
        if body:
            headers["Content-Type"] = "application/json"
        c.request(method, path, body=body, headers=headers)
        r = c.getresponse()
        data = r.read()
        c.close()
        if r.status != 200:
            die(f"{method} {path} ({auth}) answered {r.status}: {data[:300]!r}")
        return data

    def sample_requests(self, auth):
        """One request per case, the same shapes as the Lua scripts send (AK/SK: get and delete only;
        its delete takes job 2, since the token's capture deleted job 1 in the same capture)."""
        p = self.p0
        body = open(os.path.join(self.lua, "create_body.json")).read().strip().replace("@NAME@", "capture-1")
        if auth == "aksk":
            return {"get": [("GET", f"/v1.0/{p}/streaming/jobs/{self.d + 1}", None)],
                    "delete": [("DELETE", f"/v1.0/{p}/streaming/jobs/2", None)]}
        return {
            "get": [("GET", f"/v1.0/{p}/streaming/jobs/{self.d + 1}", None)],
            "delete": [("DELETE", f"/v1.0/{p}/streaming/jobs/1", None)],
            "create": [("POST", f"/v1.0/{p}/streaming/sql-jobs", body)],
            "list_first": [("GET", self.list_first_path(), None)],
            "list_deep": [("GET", self.list_deep_path(), None)],
            "batch_delete": [("POST", f"/v1.0/{p}/streaming/jobs/delete",
                              '{"job_ids":[' + ",".join(str(i) for i in range(11, 21)) + "]}")],
        }

    def list_first_path(self):
        return f"/v1.0/{self.p0}/streaming/jobs?status={LIST_STATUS}&limit=100"

    def list_deep_path(self):
        return f"/v1.0/{self.p0}/streaming/jobs?offset={self.deep}&limit=100"

    def capture(self, auths):
        """Runs one request per case and authentication (the running service's mode) with
        log_statement=all and reads back, from the csvlog, the statements the service sent (name, SQL
        text, parameter values), between psql markers."""
        logdir = os.path.join(self.data, "log")
        before = {f: os.path.getsize(f) for f in glob.glob(os.path.join(logdir, "*.csv"))}
        # Each credential's first request reads it from PostgreSQL, later ones from the service's cache
        # (STREAMJOBS_AUTH_CACHE=on, the default): capture the steady state, as the runs measure it.
        for auth in auths:
            self.request("GET", f"/v1.0/{self.p0}/streaming/jobs/{self.d + 1}", None, auth)
        self.psql("ALTER SYSTEM SET log_statement = 'all'")
        self.psql("SELECT pg_reload_conf()")
        time.sleep(1.0)
        # Warm every pooled connection so no later statement is a first-use PREPARE surprise.
        for auth in auths:
            for case, reqs in self.sample_requests(auth).items():
                self.psql(f"SELECT 'bench-marker:{auth}:{case}'")
                for method, path, body in reqs:
                    self.request(method, path, body, auth)
        self.psql("SELECT 'bench-marker:end'")
        self.psql("ALTER SYSTEM RESET log_statement")
        self.psql("SELECT pg_reload_conf()")
        time.sleep(1.0)
        rows = []
        for f in sorted(glob.glob(os.path.join(logdir, "*.csv"))):
            with open(f, newline="") as fh:
                fh.seek(before.get(f, 0))
                rows += list(csv.reader(fh))
        case = None
        seqs = {}
        group, in_tx, last = 0, False, None
        for row in rows:
            vxid, message, detail, app = row[9], row[13], row[14], row[22]
            m = re.match(r"statement: SELECT 'bench-marker:(?:(\w+):)?(\w+)'$", message)
            if m:
                case = (m.group(1), m.group(2))
                if case[1] != "end":
                    seqs.setdefault(case, [])
                in_tx, last = False, None
                continue
            # psql: the markers; "… listen …": the service's LISTEN session (its heartbeat), not a request.
            if case is None or case[1] == "end" or app == "psql" or " listen " in app:
                continue
            m = re.match(r"statement: (.*)$", message, re.S)
            if m:
                sql = m.group(1).strip().rstrip(";").upper()
                in_tx = (in_tx or sql in ("BEGIN", "START TRANSACTION")) and sql not in ("COMMIT", "END", "ROLLBACK")
                group += 1
                seqs[case].append((SIMPLE, m.group(1), {}, group))
                last = None
                continue
            m = re.match(r"execute (\S+): (.*)$", message, re.S)
            if not m:
                die(f"unexpected log line during the capture: {message[:200]}")
            params = {}
            if detail.startswith("parameters: "):
                for n, null, quoted in re.findall(r"\$(\d+) = (?:(NULL)|'((?:[^']|'')*)')", detail):
                    params[int(n)] = None if null else quoted.replace("''", "'")
            # Prepared statements of one implicit transaction (same virtual transaction id, outside
            # BEGIN … COMMIT) were pipelined by the service: one round trip, one Sync.
            if in_tx or last != vxid:
                group += 1
            last = None if in_tx else vxid
            seqs[case].append((m.group(1), m.group(2), params, group))
        self.captured.update(seqs)
        with open(os.path.join(self.work, "captured.txt"), "a") as f:
            for (auth, case), seq in seqs.items():
                for name, sql, params, group in seq:
                    f.write(f"-- {case} ({auth}): {name} (round trip {group}) {params}\n{sql}\n")
        self.reset()

    @staticmethod
    def seq_line(name, sql):
        return f"{SIMPLE}: {sql}" if name == SIMPLE else name

    def check_statements(self):
        """Fails loudly when what the service sends per request differs from bench/sql (the fixtures
        the pgbench scripts are built from), unless --update-sql rewrites the fixtures."""
        problems = []
        for (auth, case) in sorted(self.captured):
            got = self.captured[(auth, case)]
            rel = f"bench/sql/requests/{auth}/{case}.txt"
            seq_path = os.path.join(ROOT, rel)
            seq = ""
            for i, (n, q, _, g) in enumerate(got):
                joined = i + 1 < len(got) and got[i + 1][3] == g
                seq += self.seq_line(n, q) + (" + " if joined else "\n")
            if self.a.update_sql:
                os.makedirs(os.path.dirname(seq_path), exist_ok=True)
                with open(seq_path, "w") as f:
                    f.write(seq)
            want = open(seq_path).read() if os.path.exists(seq_path) else ""
            if want != seq:
                problems.append(f"{case} ({auth}): the statements of one request changed:\n" + "\n".join(difflib.unified_diff(
                    want.splitlines(), seq.splitlines(), rel, "sent by the service",
                    lineterm="")))
            for name, sql, params, _ in got:
                if name == SIMPLE:
                    if params:
                        problems.append(f"{case}: plain SQL with parameters: {sql}")
                    continue
                n_params = max([int(x) for x in re.findall(r"\$(\d+)", sql)] or [0])
                if n_params != len(params):
                    problems.append(f"{name}: {n_params} placeholders but {len(params)} parameters logged")
                path = os.path.join(BENCH, "sql", "statements", f"{name}.sql")
                if self.a.update_sql:
                    with open(path, "w") as f:
                        f.write(sql + "\n")
                want = open(path).read()[:-1] if os.path.exists(path) else ""
                if want != sql:
                    problems.append(f"{name} changed:\n" + "\n".join(difflib.unified_diff(
                        want.splitlines(), sql.splitlines(), f"bench/sql/statements/{name}.sql",
                        "sent by the service", lineterm="")))
        if problems:
            die("bench/ is stale: the service's SQL no longer matches what the pgbench limit runs.\n"
                + "\n".join(dict.fromkeys(problems))
                + "\nCheck PRE and BIND in bench/lib/bench.py, then run bench/run --update-sql --check-sql.")
        log("statements: the service sends exactly bench/sql/requests and bench/sql/statements ("
            + ", ".join(f"{case} {auth}" for auth, case in sorted(self.captured)) + ")"
            + (" (rewritten by --update-sql)" if self.a.update_sql else ""))

    def pgbench_script(self, case, auth):
        """The pgbench script and its -D constants for one case and authentication, built from the
        fixtures and the parameter values of the capture (with authentication on, the credential lookup
        the service sends first is part of it)."""
        case = base_case(case)
        lines = list(PRE[case])
        defines = {}
        seen = {}
        entries = self.captured[(auth, case)]
        for i, (name, sql, params, group) in enumerate(entries):
            size = sum(1 for e in entries if e[3] == group)
            if size > 1 and (i == 0 or entries[i - 1][3] != group):
                lines.append(r"\startpipeline")
            if name == SIMPLE:
                lines.append(sql.rstrip(";") + ";")
                continue
            sql = open(os.path.join(BENCH, "sql", "statements", f"{name}.sql")).read().strip()
            k = seen[name] = seen.get(name, -1) + 1
            bound = BIND.get(name, lambda k: {})(k)

            def placeholder(m):
                n = int(m.group(1))
                if n in bound:
                    return ":" + bound[n]
                if params[n] is None:
                    return "NULL"
                var = f"{name.replace('.', '_')}_{n}"
                defines[var] = params[n]
                return ":" + var
            lines.append(re.sub(r"\$(\d+)", placeholder, sql) + ";")
            if size > 1 and (i + 1 == len(entries) or entries[i + 1][3] != group):
                lines.append(r"\endpipeline")
        path = os.path.join(self.work, f"pgbench_{case}_{auth}.sql")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return path, defines

    # ---- measuring -------------------------------------------------------------------------------
    @staticmethod
    def proc_stat(pid):
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
        return s[s.rindex(")") + 2:].split()

    def pg_ticks(self):
        pm = self.postmaster()
        st = self.proc_stat(pm)
        total = sum(int(x) for x in st[11:15])
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    c = self.proc_stat(d)
                except OSError:
                    continue
                if c[1] == str(pm):
                    total += int(c[11]) + int(c[12])
        return total

    @staticmethod
    def busy_ticks():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return sum(v) - v[3] - v[4]

    def snapshot(self, pid):
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        server = 0
        if pid:
            st = self.proc_stat(pid)
            server = int(st[11]) + int(st[12])
        return dict(t=time.time(), server=server, pg=self.pg_ticks(), busy=self.busy_ticks(),
                    gen=ru.ru_utime + ru.ru_stime)

    @staticmethod
    def hwm_mb(pid):
        with open(f"/proc/{pid}/status") as f:
            return int(re.search(r"^VmHWM:\s+(\d+) kB", f.read(), re.M).group(1)) / 1024

    def load_env(self, auth):
        """The load generator's environment: wrk's scripts send the token when auth is "token" (common.lua)."""
        env = {k: v for k, v in os.environ.items() if k != "BENCH_AUTH_TOKEN"}
        env["BENCH_LUA_DIR"] = self.lua
        if auth == "token":
            env["BENCH_AUTH_TOKEN"] = self.token
        return env

    def measure(self, cmd, pid, parse, auth="none"):
        env = self.load_env(auth)
        if pid:
            with open(f"/proc/{pid}/clear_refs", "w") as f:
                f.write("5")  # resets VmHWM to the current RSS
        s0 = self.snapshot(pid)
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=self.a.duration + 120, env=env)
        s1 = self.snapshot(pid)
        if r.returncode != 0:
            die(f"{' '.join(cmd[:8])} ... failed ({r.returncode}):\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
        self.runs += 1
        with open(os.path.join(self.work, f"run{self.runs:03d}.txt"), "w") as f:
            f.write(" ".join(cmd) + "\n\n" + r.stdout + r.stderr)
        res = parse(r.stdout)
        el = s1["t"] - s0["t"]
        n = res["n"] or 1
        res["server_us"] = (s1["server"] - s0["server"]) / TCK / n * 1e6
        res["pg_us"] = (s1["pg"] - s0["pg"]) / TCK / n * 1e6
        gen = s1["gen"] - s0["gen"]
        own = (s1["server"] - s0["server"] + s1["pg"] - s0["pg"]) / TCK + gen
        res["other_cores"] = max(0.0, (s1["busy"] - s0["busy"]) / TCK - own) / el
        res["rss_mb"] = self.hwm_mb(pid) if pid else None
        return res

    @staticmethod
    def parse_wrk(out):
        m = re.search(r"^BENCH requests=(\d+) duration_us=(\d+) p50_us=(\d+) p99_us=(\d+) connect=(\d+) read=(\d+) "
                      r"write=(\d+) status=(\d+) timeout=(\d+)$", out, re.M)
        if not m:
            die(f"no BENCH line in wrk output:\n{out}")
        v = [int(x) for x in m.groups()]
        errors = sum(v[4:])
        return dict(n=v[0], tput=v[0] / (v[1] / 1e6), p50=v[2] / 1000, p99=v[3] / 1000, errors=errors)

    def parse_pgbench(self, prefix):
        def parse(out):
            # No tps line when no transaction finished (a 1 s warm-up of a slow case).
            tps = re.search(r"^tps = ([\d.]+) \(without initial connection time\)$", out, re.M)
            n = re.search(r"^number of transactions actually processed: (\d+)", out, re.M)
            failed = re.search(r"^number of failed transactions: (\d+)", out, re.M)
            if not n:
                die(f"cannot parse pgbench output:\n{out}")
            lat = []
            for f in glob.glob(prefix + ".*"):
                with open(f) as fh:
                    lat += [int(line.split()[2]) for line in fh if line.strip()]
                os.remove(f)
            lat.sort()
            pct = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] / 1000) if lat else (lambda q: 0.0)
            return dict(n=int(n.group(1)), tput=float(tps.group(1)) if tps else 0.0, p50=pct(0.50), p99=pct(0.99),
                        errors=int(failed.group(1)) if failed else 0)
        return parse

    # AK/SK: wrk replays requests signed here (bench/lua/replay.lua). get_aksk signs this many random live
    # jobs (replayed from the top again if a run sends more); delete_aksk one request per delete-pool job.
    GET_SIGNED = 100_000
    # A file of signed requests is used while it is younger than this when a run starts, plus the run's
    # length: the service accepts X-Sdk-Date within 15 minutes of its clock.
    SIGNED_MAX_AGE = 12 * 60

    def signed_requests(self, case):
        """The file of signed requests for an AK/SK case: "METHOD<tab>PATH<tab>X-Sdk-Date<tab>Authorization"
        per line, signed now (or reused while young enough for the coming run)."""
        path, signed_at = self.signed.get(case, (None, 0.0))
        if time.time() - signed_at + self.a.warmup + self.a.duration < self.SIGNED_MAX_AGE:
            return path
        t = time.time()
        date = aksk.sdk_date(t)
        prefix = f"/v1.0/{self.p0}/streaming/jobs/"
        if base_case(case) == "get":  # the live-id rule of get.lua and bench/sql/load.sql
            rnd = random.Random(int(t))
            ids = (self.d + 1 + j // 266 * 280 + j % 266 for j in (rnd.randrange(self.nget) for _ in range(self.GET_SIGNED)))
            method = "GET"
        else:  # each delete-pool job once, in order, as delete.lua
            ids, method = range(1, self.d + 1), "DELETE"
        path = os.path.join(self.work, f"signed_{case}.txt")
        host = self.host()
        with open(path, "w") as f:
            for i in ids:
                target = f"{prefix}{i}"
                f.write(f"{method}\t{target}\t{date}\t{aksk.authorization(method, target, host, date, self.ak, self.sk)}\n")
        self.signed[case] = (path, t)
        log(f"{case}: signed {os.path.basename(path)} with X-Sdk-Date {date} in {time.time() - t:.1f} s")
        return path

    def wrk_cmd(self, case, clients, seconds, port=None):
        p = self.p0
        script, args = {
            "get": ("get.lua", [p, self.d, self.nget]),
            "delete": ("delete.lua", [p, 0]),
            "create": ("create.lua", [p, 1_000_000_000]),
            "list_first": ("static.lua", [self.list_first_path()]),
            "list_deep": ("static.lua", [self.list_deep_path()]),
            "batch_delete": ("batch_delete.lua", [p, 0]),
            "no_db": ("static.lua", [self.no_db_path]),
        }.get(case) or ("replay.lua", [self.signed_requests(case), self.host()])
        return ["taskset", "-c", LOADGEN_CPU, "wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s",
                "-s", os.path.join(self.lua, script), f"http://127.0.0.1:{port or self.a.http_port}", "--"] + [str(x) for x in args]

    def pgbench_cmd(self, case, auth, clients, seconds, log_prefix=None):
        script, defines = self.pgbench_script(case, auth)
        defines = dict(defines, d=self.d, nget=self.nget, off=0, k=0, nc=clients, base=2_000_000_000)
        cmd = ["taskset", "-c", LOADGEN_CPU, "pgbench", "-n", "-M", "prepared", "-f", script, "-c", str(clients),
               "-j", "1", "-T", str(seconds), "-h", self.sock, "-p", str(self.a.pg_port), "-U", self.APP_ROLE]
        for k, v in defines.items():
            cmd += ["-D", f"{k}={v}"]
        if log_prefix:
            cmd += ["-l", f"--log-prefix={log_prefix}"]
        return cmd + ["bench"]

    def verify_writes(self, case, n, clients, side):
        """Every write request did its work on a live row: rows changed equal requests completed (plus
        at most the requests in flight when the load generator stopped)."""
        per = {"delete": 1, "batch_delete": 10, "create": 1}[base_case(case)]
        self.quiesce()
        if case == "create":
            changed = int(self.psql(f"SELECT count(*) FROM jobs WHERE job_id > {self.maxid}"))
        else:
            changed = int(self.psql(f"SELECT count(*) FROM jobs WHERE project_id = '{self.p0}' AND job_id <= {self.d} "
                                    "AND deleted_at IS NOT NULL"))
            work = self.psql("SELECT (SELECT count(*) FROM job_journal) || ' ' || (SELECT count(*) FROM engine_work)")
            journal, engine = (int(x) for x in work.split())
            if journal != changed or engine != changed:
                die(f"{case}/{side}: {changed} jobs deleted but {journal} journal and {engine} engine-work rows")
            if self.psql(f"SELECT count(*) FROM jobs WHERE deleted_at IS NOT NULL AND deleted_by IS DISTINCT FROM "
                         f"'bench-load' AND NOT (project_id = '{self.p0}' AND job_id <= {self.d})") != "0":
                die(f"{case}/{side}: rows outside the delete pool were deleted (pool of {self.d} exhausted?)")
        lo, hi = n * per, (n + clients) * per
        if not lo <= changed <= hi:
            die(f"{case}/{side}: {changed} rows changed for {n} requests of {per} (expected {lo}..{hi}); "
                "some requests did not hit a live row")
        return changed

    def run_case(self, case, clients, auth):
        """One case at one client count, the service authenticating as auth ("token", "aksk", "none"),
        then its limit: pgbench with the same statements (the credential lookup included)."""
        w, d = self.a.warmup, self.a.duration
        out = {}
        self.start_server(server_mode(auth))
        # Service side.
        if w:
            self.measure(self.wrk_cmd(case, clients, w), self.server.pid, self.parse_wrk, auth)
        if case in WRITE_CASES:
            self.reset()
        out["svc"] = self.measure(self.wrk_cmd(case, clients, d), self.server.pid, self.parse_wrk, auth)
        if case in WRITE_CASES:
            self.verify_writes(case, out["svc"]["n"], clients, "service")
        # Limit side.
        if case == "no_db":
            if w:
                self.measure(self.wrk_cmd(case, clients, w, self.a.ref_port), self.ref.pid, self.parse_wrk)
            out["lim"] = self.measure(self.wrk_cmd(case, clients, d, self.a.ref_port), self.ref.pid, self.parse_wrk)
            out["lim"]["limit_us"] = out["lim"]["server_us"]
        else:
            if w:
                self.measure(self.pgbench_cmd(case, auth, clients, w), None, self.parse_pgbench("/nonexistent"))
            if case in WRITE_CASES:
                self.reset()
            prefix = os.path.join(self.work, f"pglog_{case}_{auth}_{clients}")
            out["lim"] = self.measure(self.pgbench_cmd(case, auth, clients, d, prefix), None, self.parse_pgbench(prefix))
            out["lim"]["limit_us"] = out["lim"]["pg_us"]
            if case in WRITE_CASES:
                self.verify_writes(case, out["lim"]["n"], clients, "pgbench")
        return out

    # ---- the soak --------------------------------------------------------------------------------
    def soak(self, minutes, auth):
        log(f"soak: mixed load at 32 clients for {minutes} min (authentication: {auth}), RSS sampled every 5 s")
        self.start_server(server_mode(auth))
        cmd = ["taskset", "-c", LOADGEN_CPU, "wrk", "-t1", "-c32", f"-d{int(minutes * 60)}s", "--timeout", "30s",
               "-s", os.path.join(self.lua, "mixed.lua"), f"http://127.0.0.1:{self.a.http_port}", "--",
               self.p0, str(self.d), str(self.nget), str(self.deep), LIST_STATUS, "3000000000"]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.load_env(auth))
        t0, samples = time.time(), []
        while proc.poll() is None:
            time.sleep(5)
            with open(f"/proc/{self.server.pid}/status") as f:
                rss = int(re.search(r"^VmRSS:\s+(\d+) kB", f.read(), re.M).group(1)) / 1024
            samples.append((time.time() - t0, rss))
        out, err = proc.communicate()
        res = self.parse_wrk(out)
        first = min(samples, key=lambda s: abs(s[0] - 60))[1]
        last = samples[-1][1]
        lines = [f"soak: {minutes} min mixed load (GET 80 %, list first page 10 %, create 5 %, delete 5 %), "
                 f"authentication {auth}, "
                 f"{res['tput']:.0f} req/s, p99 {res['p99']:.1f} ms, {res['errors']} errors",
                 "RSS (MB) every minute: " + " ".join(f"{s[1]:.1f}" for s in samples if int(s[0]) % 60 < 5),
                 f"SOAK rss_after_1min_mb={first:.1f} rss_end_mb={last:.1f} growth_pct={(last / first - 1) * 100:+.1f} "
                 f"peak_rss_mb={self.hwm_mb(self.server.pid):.1f} target=within_5pct"]
        return lines


AUTH_NOTES = {
    "token": "token = STREAMJOBS_AUTH=on (credential cache on, the default), X-Auth-Token on every request",
    "aksk": "aksk = STREAMJOBS_AUTH=on (credential cache on), SDK-HMAC-SHA256 requests signed by bench.py before the run and replayed by "
            "wrk (X-Sdk-Date within the service's ±15 min; a signature is not single-use)",
    "none": "none = STREAMJOBS_AUTH=none (loopback only; for comparison)",
}


def table(hdr, rows):
    widths = [max(len(x[i]) for x in rows + [hdr]) for i in range(len(hdr))]
    line = lambda x: "  ".join(v.rjust(widths[i]) if i > 0 else v.ljust(widths[i]) for i, v in enumerate(x))
    return [line(hdr), line(["-" * w for w in widths])] + [line(r) for r in rows]


def fmt_table(results, note_lines):
    """results: ((case, clients, auth), {"svc": …, "lim": …}) in run order."""
    hdr = ("case", "clients", "auth", "svc req/s", "p50 ms", "p99 ms", "limit/s", "p50 ms", "p99 ms", "ratio", "p99 ×",
           "svc µs/req srv+pg", "limit µs", "RSS MB", "other cores", "errors")
    rows = []
    for (case, c, auth), r in results:
        s, l = r["svc"], r["lim"]
        ratio = s["tput"] / l["tput"] if l["tput"] else 0
        p99x = s["p99"] / l["p99"] if l["p99"] else 0
        rows.append((case, str(c), auth, f"{s['tput']:.0f}", f"{s['p50']:.2f}", f"{s['p99']:.2f}", f"{l['tput']:.0f}",
                     f"{l['p50']:.2f}", f"{l['p99']:.2f}", f"{ratio:.2f}", f"{p99x:.2f}",
                     f"{s['server_us']:.0f}+{s['pg_us']:.0f}", f"{l['limit_us']:.0f}", f"{s['rss_mb']:.1f}",
                     f"{max(s['other_cores'], l['other_cores']):.2f}", f"{s['errors']}/{l['errors']}"))
    out = note_lines + [""] + table(hdr, rows) + [""]
    # What authentication costs: each authenticated row against the auth-off row of the same request
    # and client count, when the run measured both (--auth token,none).
    off = {(case, c): r for (case, c, auth), r in results if auth == "none"}
    cost = []
    for (case, c, auth), r in results:
        o = off.get((base_case(case), c))
        if auth in ("token", "aksk") and o:
            s, n = r["svc"], o["svc"]
            cost.append((case, c, auth, s, n, s["tput"] / n["tput"] if n["tput"] else 0))
    if cost:
        out += ["authentication on / off, same build, same run (service side; auth-off = STREAMJOBS_AUTH=none):", ""]
        out += table(("case", "clients", "auth", "req/s", "auth-off req/s", "throughput ratio", "p99 ms",
                      "auth-off p99 ms", "svc µs/req srv+pg", "auth-off µs/req"),
                     [(case, str(c), auth, f"{s['tput']:.0f}", f"{n['tput']:.0f}", f"{ratio:.2f}", f"{s['p99']:.2f}",
                       f"{n['p99']:.2f}", f"{s['server_us']:.0f}+{s['pg_us']:.0f}", f"{n['server_us']:.0f}+{n['pg_us']:.0f}")
                      for case, c, auth, s, n, ratio in cost]) + [""]
    for (case, c, auth), r in results:
        s, l = r["svc"], r["lim"]
        ratio = s["tput"] / l["tput"] if l["tput"] else 0
        out.append(f"RESULT {case} {c} {s['tput']:.0f} {s['p50']:.2f} {s['p99']:.2f} {ratio:.3f} {s['rss_mb']:.1f} {auth}")
    for case, c, auth, s, n, ratio in cost:
        out.append(f"AUTHCOST {case} {c} {auth} {s['tput']:.0f} {n['tput']:.0f} {ratio:.3f}")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--soak", type=float, default=0)
    ap.add_argument("--update-sql", action="store_true")
    ap.add_argument("--check-sql", action="store_true")
    ap.add_argument("--duration", type=int)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--clients")
    ap.add_argument("--cases")
    ap.add_argument("--auth", default="token",
                    help="token (default: X-Auth-Token on every case, as deployed), none (STREAMJOBS_AUTH=none), "
                         "or token,none: each case in both, with a table of the ratio")
    # Default: 1 worker per server CPU, as config/streamjobs.env.example advises when PostgreSQL shares the
    # service's cores (here it shares CPU 0); one connection each. Passed explicitly, so the C reference runs
    # the same number of threads. (The service's own default, for a remote database, is 2 per CPU.)
    ap.add_argument("--threads", type=int,
                    default=int(os.environ.get("STREAMJOBS_HTTP_THREADS", len(SERVER_CPU.split(",")))))
    ap.add_argument("--pool", type=int, default=int(os.environ.get("STREAMJOBS_DB_POOL_SIZE", 0)))
    for name in ("pg-dir", "binary", "healthz-bin", "work", "result-file"):
        ap.add_argument(f"--{name}", required=True)
    for name in ("pg-port", "http-port", "ref-port"):
        ap.add_argument(f"--{name}", type=int, required=True)
    a = ap.parse_args()
    a.pool = a.pool or a.threads
    a.duration = a.duration or (3 if a.quick else 10)
    clients = [int(x) for x in (a.clients or ("32" if a.quick else "1,8,32,64")).split(",")]
    cases = (a.cases or ",".join(CASES)).split(",")
    modes = a.auth.split(",")
    for x in cases:
        x in CASES or die(f"--cases: no case {x} (cases: {','.join(CASES)})")
    for x in modes:
        x in AUTH_MODES or die(f"--auth: {x} is not one of {', '.join(AUTH_MODES)}")
    # The runs, interleaved so that each pair to compare is measured back to back: every case at every
    # client count in every mode; an AK/SK case once (it signs, so authentication is on); no_db once
    # (GET /healthz answers without authentication).
    plan = []
    for case in cases:
        auths = list(dict.fromkeys(auth_of(case, m) for m in (modes[:1] if case == "no_db" else modes)))
        if case in AKSK_CASES and "token" not in modes:
            log(f"{case} skipped: AK/SK needs authentication on (--auth token or token,none)")
            continue
        plan += [(case, c, auth) for c in clients for auth in auths]
    # Captures: the service's statements in each STREAMJOBS_AUTH mode the runs use (every mode for
    # --check-sql and --update-sql): with authentication on, one request per case with a token and
    # get and delete signed with the AK/SK.
    used = {server_mode(auth) for _, _, auth in plan} | {server_mode(modes[0])}
    captures = [m for m in ("none", "on") if m in used or a.check_sql or a.update_sql]
    b = Bench(a)
    started = time.time()
    b.load()
    try:
        for mode in captures:
            b.start_server(mode)
            b.capture(["token", "aksk"] if mode == "on" else ["none"])
        b.check_statements()
        if a.check_sql:
            return
        b.setup_no_db()
        if a.soak:
            lines = b.soak(a.soak, modes[0])
        else:
            results = []
            for case, c, auth in plan:
                log(f"{case} at {c} clients, authentication {auth} ...")
                results.append(((case, c, auth), b.run_case(case, c, auth)))
                with open(a.result_file + ".partial", "w") as f:
                    f.write("\n".join(fmt_table(results, ["partial: the run has not finished"])) + "\n")
            b.reset()
            b.check_data()
            head = [
                f"StreamJobs benchmark {time.strftime('%Y-%m-%d %H:%M:%S')} ({'quick' if a.quick else 'full'}), "
                f"git {subprocess.run(['git', '-C', ROOT, 'rev-parse', '--short', 'HEAD'], capture_output=True, text=True).stdout.strip()}"
                f"{' + uncommitted changes' if subprocess.run(['git', '-C', ROOT, 'status', '--porcelain', 'Sources'], capture_output=True, text=True).stdout.strip() else ''}",
                f"data: {b.dataset}",
                f"runs: {a.duration} s each after a {a.warmup} s warm-up; service and PostgreSQL and the C reference on "
                f"CPU {SERVER_CPU}, wrk -t1 and pgbench -j1 on CPU {LOADGEN_CPU}; service {a.threads} HTTP threads, "
                f"{a.pool} PostgreSQL connections, "
                + "".join(f"{k}={v}, " for k, v in b.passed_settings().items())
                + "no Flink engine; PostgreSQL over its unix socket for both sides, both as the "
                + f"service's runtime role {b.APP_ROLE} (row-level security applies)",
                "auth: " + "; ".join(AUTH_NOTES[x] for x in dict.fromkeys(auth for _, _, auth in plan))
                + "; the limit side runs the statements the service sent with that authentication (with it on "
                "and the credential cached, the same as with it off)",
                f"no_db: {b.no_db_note}",
                f"list_first: status={LIST_STATUS}&limit=100; list_deep: offset={b.deep}&limit=100 (no filter)",
                "ratio = service / limit throughput; p99 × = service p99 / limit p99; limit µs = PostgreSQL CPU per "
                "pgbench transaction (no_db: C server CPU per request); other cores = CPU used outside the run "
                "(other tenants: high values mean a disturbed run); errors = wrk socket errors, timeouts and non-2xx "
                "answers / pgbench failed transactions. Raw output of every run: " + os.path.relpath(a.work, ROOT),
            ]
            lines = fmt_table(results, head)
        lines.append(f"elapsed {time.time() - started:.0f} s")
        text = "\n".join(lines) + "\n"
        os.makedirs(os.path.dirname(a.result_file), exist_ok=True)
        with open(a.result_file, "w") as f:
            f.write(text)
        print(text, end="")
        if os.path.exists(a.result_file + ".partial"):
            os.remove(a.result_file + ".partial")
        log(f"written to {a.result_file}")
    finally:
        b.stop(b.ref)
        b.stop(b.server)
        for path, _ in b.signed.values():  # (large, and of no use once the window has passed)
            os.remove(path)


if __name__ == "__main__":
    main()
