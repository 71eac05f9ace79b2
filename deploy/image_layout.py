"""deploy/check's checks that the container image is built the one way scripts/install builds, and
that compose runs it with what it needs. Each check reports through `problem(text)`.

- deploy/Dockerfile's Java stage compiles the SQL runner with flink/build-jar (no javac of its own),
  and scripts/lib/flink.sh's sj_flink_build_jar does too;
- its build stage lays the files out with scripts/lib/install-layout.sh and copies nothing into the
  image's tree another way; the runtime stage takes that tree whole;
- the layout script run as scripts/install runs it (from the checkout) and as the Dockerfile runs it
  (in a copy of the build stage's file system holding only what its COPY lines put there, with its
  arguments) gives the same tree: paths, types, modes and contents;
- compose mounts one object volume at one path in the service and both Flink containers, the
  service's STREAMJOBS_OBJECT_ROOT is that path, and no data-file key points where the image has no file;
- the Flink image of the Dockerfile and compose is one default, of the version the tests run.
"""
import hashlib, os, re, shlex, shutil, subprocess, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LAYOUT_SCRIPT = "scripts/lib/install-layout.sh"
JAR_SCRIPT = "flink/build-jar"
# Keys naming a data file the install layout provides; the binary finds them from its own path.
DATA_FILE_KEYS = ["STREAMJOBS_MIGRATIONS_DIR", "STREAMJOBS_FLINK_SQL_RUNNER_JAR", "STREAMJOBS_OPENAPI_PATH"]


class Stage:
    """One FROM ... AS name section of a Dockerfile: its instructions, continuation lines joined."""
    def __init__(self, name):
        self.name, self.instructions = name, []

    def all(self, keyword):
        return [arg for kw, arg in self.instructions if kw == keyword]


def dockerfile_stages(text):
    stages, current, logical = [], None, ""
    for line in text.splitlines():
        if not logical and (not line.strip() or line.lstrip().startswith("#")): continue
        if line.rstrip().endswith("\\"):
            logical += line.rstrip()[:-1] + " "
            continue
        logical += line
        keyword, _, argument = logical.strip().partition(" ")
        logical = ""
        keyword = keyword.upper()
        if keyword == "FROM":
            m = re.search(r"\bAS\s+(\S+)", argument, re.I)
            current = Stage(m.group(1) if m else f"stage{len(stages)}")
            stages.append(current)
        elif current is not None:
            current.instructions.append((keyword, argument.strip()))
    return {s.name: s for s in stages}


def copy_parts(argument):
    """(from-stage or None, sources, destination) of a COPY argument."""
    words = shlex.split(argument)
    source_stage = None
    while words and words[0].startswith("--"):
        if words[0].startswith("--from="): source_stage = words[0][len("--from="):]
        words = words[1:]
    return source_stage, words[:-1], words[-1]


def script_calls(stage, script):
    """The argument lists (after the script's path) of every call of `script` in the stage's RUN lines."""
    calls = []
    for run in stage.all("RUN"):
        for command in re.split(r"&&|;|\|\|", run):
            words = shlex.split(command)
            if words and words[0] == "sh": words = words[1:]
            if words and words[0].endswith(script): calls.append((words[0], words[1:]))
    return calls


def check_shared_build_steps(stages, problem):
    jars, build, runtime = stages.get("jars"), stages.get("build"), stages.get("runtime")
    if not (jars and build and runtime):
        problem("Dockerfile: expected stages named jars, build and runtime")
        return None
    jar_calls = script_calls(jars, JAR_SCRIPT)
    if len(jar_calls) != 1 or len(jar_calls[0][1]) != 3:
        problem(f"Dockerfile jars stage: build the SQL runner with one `{JAR_SCRIPT} SOURCES CLASSPATH OUT` (as scripts/lib/flink.sh does)")
    elif not jar_calls[0][1][0].rstrip("/").endswith("flink/sql-runner/src/main/java"):
        problem(f"Dockerfile jars stage: {JAR_SCRIPT} must compile flink/sql-runner/src/main/java")
    for run in jars.all("RUN") + build.all("RUN"):
        if re.search(r"\bjavac\b|\bjar\s+--create|\bjar\s+c", run):
            problem(f"Dockerfile: compiles Java outside {JAR_SCRIPT}: RUN {run[:80]}")
    with open(os.path.join(ROOT, "scripts/lib/flink.sh")) as f:
        flink_sh = f.read()
    body = re.search(r"^sj_flink_build_jar\(\) \{\n(.*?)^\}", flink_sh, re.M | re.S)
    if not body or JAR_SCRIPT not in body.group(1) or re.search(r"\bjavac\b", body.group(1)):
        problem(f"scripts/lib/flink.sh: sj_flink_build_jar must compile with {JAR_SCRIPT} (and no javac of its own)")
    with open(os.path.join(ROOT, "scripts/install")) as f:
        install = f.read()
    if LAYOUT_SCRIPT not in install or re.search(r"^\s*(install|cp)\s", install, re.M):
        problem(f"scripts/install: lay out the prefix with {LAYOUT_SCRIPT} only")

    layout_calls = script_calls(build, LAYOUT_SCRIPT)
    if len(layout_calls) != 1 or len(layout_calls[0][1]) != 3:
        problem(f"Dockerfile build stage: lay out the image with one `{LAYOUT_SCRIPT} PREFIX BINARY JAR` (as scripts/install does)")
        return None
    for _, sources, destination in map(copy_parts, build.all("COPY") + runtime.all("COPY")):
        if destination.startswith("/out") or destination.startswith("/usr"):
            if (sources, destination) != (["/out/"], "/"):
                problem(f"Dockerfile: copies {' '.join(sources)} to {destination} outside {LAYOUT_SCRIPT}")
    for run in build.all("RUN"):
        if "/out" in run and LAYOUT_SCRIPT not in run:
            problem(f"Dockerfile build stage: writes into /out outside {LAYOUT_SCRIPT}: RUN {run[:80]}")
    takes_tree = any(stage == "build" and sources == ["/out/"] and destination == "/"
                     for stage, sources, destination in map(copy_parts, runtime.all("COPY")))
    if not takes_tree: problem("Dockerfile runtime stage: take the layout whole with COPY --from=build /out/ /")
    for env in runtime.all("ENV") + build.all("ENV"):
        for key in DATA_FILE_KEYS:
            if key in env: problem(f"Dockerfile: ENV {key}: the binary finds its data files from its own path")
    return jar_calls[0][1] if len(jar_calls) == 1 else None, layout_calls[0]


def tree(prefix):
    """{relative path: (kind, mode, sha256 of a file's bytes)} of everything below prefix."""
    entries = {}
    for directory, folders, files in os.walk(prefix):
        for name in folders + files:
            path = os.path.join(directory, name)
            info = os.lstat(path)
            kind = "dir" if os.path.isdir(path) and not os.path.islink(path) else "link" if os.path.islink(path) else "file"
            digest = ""
            if kind == "file":
                with open(path, "rb") as f: digest = hashlib.sha256(f.read()).hexdigest()[:16]
            entries[os.path.relpath(path, prefix)] = (kind, oct(info.st_mode & 0o7777), digest)
    return entries


def docker_copy(source, destination):
    """COPY's semantics for one local source: a folder's contents go into the destination."""
    if os.path.isdir(source):
        shutil.copytree(source, destination, dirs_exist_ok=True)
    else:
        if destination.endswith("/"): destination = os.path.join(destination, os.path.basename(source))
        os.makedirs(os.path.dirname(destination), exist_ok=True)
        shutil.copy2(source, destination)


def run_layout(argv, cwd, problem, how):
    result = subprocess.run(argv, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        problem(f"{LAYOUT_SCRIPT} {how} failed ({result.returncode}): {result.stderr.strip()[:300]}")
        return False
    return True


def check_layouts_match(stages, calls, problem):
    """Runs the layout script as scripts/install does and as the Dockerfile does; compares the trees.
    Returns the image's files below / (absolute paths) as the Dockerfile's layout gives them."""
    jar_call, (script_path, (prefix, binary, jar)) = calls
    build = stages["build"]
    workdir = (build.all("WORKDIR") or ["/"])[-1]
    with tempfile.TemporaryDirectory() as tmp:
        dummy_binary, dummy_jar = os.path.join(tmp, "streamjobs"), os.path.join(tmp, "sql-runner.jar")
        with open(dummy_binary, "wb") as f: f.write(b"#!/bin/sh\n# stands for the binary\n")
        with open(dummy_jar, "wb") as f: f.write(b"PK stands for the jar\n")
        os.chmod(dummy_binary, 0o700)  # the script sets the modes, whatever the inputs'
        os.chmod(dummy_jar, 0o600)
        # As scripts/install runs it: from the checkout, into a prefix, with the built files.
        installed = os.path.join(tmp, "installed")
        if not run_layout([os.path.join(ROOT, LAYOUT_SCRIPT), installed, dummy_binary, dummy_jar], tmp, problem, "as scripts/install runs it"):
            return set()
        # As the Dockerfile runs it: in a file system holding only what the build stage's COPY lines put
        # there (files of other stages: the jars stage's output, built; the binary, built by RUN).
        fs = os.path.join(tmp, "build-fs")
        def inside(path): return os.path.join(fs, os.path.join(workdir, path).lstrip("/"))
        for stage, sources, destination in map(copy_parts, build.all("COPY")):
            if stage == "jars":
                if jar_call and sources != [jar_call[2]]:
                    problem(f"Dockerfile build stage: copies {sources} from the jars stage, which builds {jar_call[2]}")
                target = inside(destination)
                if target.endswith("/"): target = os.path.join(target, os.path.basename(sources[0]))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copy2(dummy_jar, target)
            elif stage is None:
                for source in sources:
                    if not os.path.exists(os.path.join(ROOT, source)):
                        problem(f"Dockerfile build stage: COPY {source}: not in the repository")
                        continue
                    docker_copy(os.path.join(ROOT, source), inside(destination) + ("/" if destination.endswith("/") else ""))
        built_binary = inside(binary)
        os.makedirs(os.path.dirname(built_binary), exist_ok=True)
        shutil.copy2(dummy_binary, built_binary)
        if not os.path.exists(inside(script_path)):
            problem(f"Dockerfile build stage: runs {script_path} but does not COPY it")
            return set()
        argv = ["sh", inside(script_path), inside(prefix), built_binary, inside(jar)]
        if not run_layout(argv, inside("."), problem, "as deploy/Dockerfile runs it (with only the files it COPYs)"):
            return set()
        image_prefix = "/" + os.path.relpath(inside(prefix), inside("/out")) if inside(prefix).startswith(inside("/out")) else None
        ours, theirs = tree(installed), tree(inside(prefix))
        for path in sorted(set(ours) | set(theirs)):
            if ours.get(path) != theirs.get(path):
                problem(f"install layout differs at {path}: scripts/install {ours.get(path)}, Dockerfile {theirs.get(path)}")
        if image_prefix is None:
            problem(f"Dockerfile: the layout prefix {prefix} is not below /out (what the runtime stage copies)")
            return set()
        image = {os.path.normpath(os.path.join(image_prefix, path)) for path in theirs}
        for entry in stages["runtime"].all("ENTRYPOINT"):
            if "/usr/local/bin/streamjobs" not in entry or "/usr/local/bin/streamjobs" not in image:
                problem(f"Dockerfile: ENTRYPOINT {entry} is not the laid-out binary (image has {sorted(p for p in image if '/bin/' in p)})")
        return image


def check_image_build(dockerfile, problem):
    """The Dockerfile's build steps against scripts/install's; returns the image's layout (absolute paths)."""
    stages = dockerfile_stages(dockerfile)
    calls = check_shared_build_steps(stages, problem)
    image = check_layouts_match(stages, calls, problem) if calls else set()
    return {"files": image, "flink_image": flink_image_default(dockerfile)}


def flink_image_default(dockerfile):
    m = re.search(r"^ARG FLINK_IMAGE=(\S+)", dockerfile, re.M)
    return m.group(1) if m else None


def mounts(service):
    """{target: source} of a compose service's named-volume mounts (short or long syntax)."""
    found = {}
    for volume in service.get("volumes", []) or []:
        if isinstance(volume, str):
            parts = volume.split(":")
            if len(parts) >= 2 and not parts[0].startswith((".", "/", "~")): found[parts[1]] = parts[0]
        elif isinstance(volume, dict) and volume.get("type", "volume") == "volume":
            found[volume.get("target")] = volume.get("source")
    return found


def check_compose(compose, image, problem):
    services = compose.get("services", {})
    app, flink = services.get("streamjobs", {}), ["jobmanager", "taskmanager"]
    environment = app.get("environment", {}) or {}
    root = environment.get("STREAMJOBS_OBJECT_ROOT")
    if not root:
        problem("compose streamjobs: set STREAMJOBS_OBJECT_ROOT to the object volume's mount path")
    else:
        volume = mounts(app).get(root)
        if volume is None: problem(f"compose streamjobs: STREAMJOBS_OBJECT_ROOT={root} is not a named volume's mount path")
        elif volume not in (compose.get("volumes") or {}): problem(f"compose: volume {volume} is not declared")
        for name in flink:
            if mounts(services.get(name, {})).get(root) != volume:
                problem(f"compose {name}: must mount volume {volume} at {root} (Flink reads and writes the paths the service hands it)")
    for name in ["migrate", "streamjobs"]:
        env = services.get(name, {}).get("environment", {}) or {}
        for key in DATA_FILE_KEYS:
            if key in env and image["files"] and os.path.normpath(str(env[key])) not in image["files"]:
                problem(f"compose {name}: {key}={env[key]} is not in the image (it has its data files below /usr/local/share/streamjobs)")
    defaults = set()
    for name in flink + ["objects-init"]:
        m = re.fullmatch(r"\$\{FLINK_IMAGE:-([^}]+)\}", str(services.get(name, {}).get("image", "")))
        if name in services:
            if m: defaults.add(m.group(1))
            else: problem(f"compose {name}: image must be ${{FLINK_IMAGE:-...}} (one Flink image for the cluster and the jar build)")
    build_arg = str(((services.get("migrate", {}).get("build") or {}).get("args") or {}).get("FLINK_IMAGE", ""))
    m = re.fullmatch(r"\$\{FLINK_IMAGE:-([^}]+)\}", build_arg)
    if not m: problem("compose migrate: build.args.FLINK_IMAGE must pass ${FLINK_IMAGE:-...} to deploy/Dockerfile")
    else: defaults.add(m.group(1))
    if image["flink_image"]: defaults.add(image["flink_image"])
    if len(defaults) != 1:
        problem(f"compose and deploy/Dockerfile default to different Flink images: {sorted(defaults)}")
    with open(os.path.join(ROOT, "scripts/lib/flink.sh")) as f:
        tested = re.search(r'SJ_FLINK_VERSION="\$\{SJ_FLINK_VERSION:-([0-9.]+)\}"', f.read())
    for default in defaults:
        tag = default.split(":")[-1]
        if tested and not tag.startswith(tested.group(1)):
            problem(f"Flink image {default} is not the version the tests run ({tested.group(1)}, scripts/lib/flink.sh)")
